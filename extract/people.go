package extract

// attachPeople sets the People of each event: the canonical names of the
// PERSON mentions in the event's sentences.
func attachPeople(res *Result, events []Event) {
	if len(events) == 0 {
		return
	}
	bySentence := map[int][]string{}
	for _, e := range res.Entities {
		if e.Label == Person && !containsString(bySentence[e.Sentence], e.Canonical) {
			bySentence[e.Sentence] = append(bySentence[e.Sentence], e.Canonical)
		}
	}
	for i := range events {
		var people []string
		for _, si := range events[i].Sentences {
			for _, p := range bySentence[si] {
				if !containsString(people, p) {
					people = append(people, p)
				}
			}
		}
		events[i].People = people
	}
}
