package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// testPlace is a place of a hand-built Result: its text (found in order
// in the document) and its gazetteer entry (id 0: unresolved).
type testPlace struct {
	text       string
	id         int64
	fc, cc, a1 string
}

// buildResult tokenizes and splits text with the pipeline's own code and
// adds the given places, dates ({text, value}, found in order) and people,
// so the event rules run on real tokens without the tagger or gazetteer.
func buildResult(t *testing.T, text string, published time.Time, places []testPlace, dates [][2]string, people []string) *Result {
	t.Helper()
	res := &Result{Document: Document{ID: "doc", Text: text}, Published: published, PublishedSource: "input"}
	res.Tokens = Tokenize(text)
	res.Sentences = Sentences(text, res.Tokens)
	find := func(s string, from int) (int, int) {
		b := strings.Index(text[from:], s)
		if b < 0 {
			t.Fatalf("no %q in text after byte %d", s, from)
		}
		b += from
		start := utf8.RuneCountInString(text[:b])
		return start, b + len(s)
	}
	from := 0
	for _, p := range places {
		start, next := find(p.text, from)
		from = next
		pl := Place{Text: p.text, Start: start, End: start + utf8.RuneCountInString(p.text), Sentence: sentenceAt(res.Sentences, start)}
		if p.id != 0 {
			id, lat, lon := p.id, 1.0, 2.0
			pl.GeoNameID, pl.Lat, pl.Lon = &id, &lat, &lon
			pl.Name, pl.FeatureCode, pl.CountryCode, pl.Admin1, pl.Score = p.text, p.fc, p.cc, p.a1, 0.9
		}
		res.Places = append(res.Places, pl)
	}
	from = 0
	for _, d := range dates {
		start, next := find(d[0], from)
		from = next
		res.Dates = append(res.Dates, Date{Text: d[0], Start: start, End: start + utf8.RuneCountInString(d[0]), Type: "DATE", Value: d[1], Sentence: sentenceAt(res.Sentences, start)})
	}
	for _, name := range people {
		start, _ := find(name, 0)
		res.Entities = append(res.Entities, Entity{Text: name, Label: Person, Canonical: name, Start: start, Sentence: sentenceAt(res.Sentences, start)})
	}
	return res
}

func roleOf(res *Result, text string) string {
	for _, p := range res.Places {
		if p.Text == text {
			return p.Role
		}
	}
	return "?"
}

func TestPlaceRoles(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		places     []testPlace
		want       map[string]string
	}{
		{"locative preposition across a noun phrase",
			"Rescuers searched the rubble in the small town of Amatrice on Wednesday.",
			[]testPlace{{"Amatrice", 1, "PPL", "IT", "07"}},
			map[string]string{"Amatrice": RoleEvent}},
		{"coordinated places after 'the towns of'",
			"Bodies were found in the towns of Hrakove and Zaliznyche as well.",
			[]testPlace{{text: "Hrakove"}, {text: "Zaliznyche"}},
			map[string]string{"Hrakove": RoleEvent, "Zaliznyche": RoleEvent}},
		{"country and region that locate a town",
			"Floods hit Lyon, Auvergne, France on Monday.",
			[]testPlace{{"Lyon", 1, "PPLA", "FR", "84"}, {"Auvergne", 2, "ADM1", "FR", "84"}, {"France", 3, "PCLI", "FR", ""}},
			map[string]string{"Lyon": RoleEvent, "Auvergne": RoleContainer, "France": RoleContainer}},
		{"quotation",
			`"We saw the same pictures from Bucha," the mayor told reporters in Lviv.`,
			[]testPlace{{"Bucha", 1, "PPLA2", "UA", "13"}, {"Lviv", 2, "PPLA", "UA", "15"}},
			map[string]string{"Bucha": RoleMention, "Lviv": RoleEvent}},
		{"metonyms: a capital acting, a country's possession",
			"Troops regained ground in Kharkiv after Kyiv launched a counteroffensive following Russia's withdrawal.",
			[]testPlace{{"Kharkiv", 1, "PPLA", "UA", "07"}, {"Kyiv", 2, "PPLC", "UA", "12"}, {"Russia", 3, "PCLI", "RU", ""}},
			map[string]string{"Kharkiv": RoleEvent, "Kyiv": "metonym", "Russia": "metonym"}},
		{"comparison, relation and modifier",
			"The head of the Kharkiv prosecutor's office compared the town to a suburb of Kyiv and to cities such as Irpin.",
			[]testPlace{{"Kharkiv", 1, "PPLA", "UA", "07"}, {"Kyiv", 2, "PPLC", "UA", "12"}, {"Irpin", 3, "PPL", "UA", "13"}},
			map[string]string{"Kharkiv": RoleMention, "Kyiv": RoleMention, "Irpin": RoleMention}},
		{"no event word, no locative: a mention",
			"Lyon is a big city.",
			[]testPlace{{"Lyon", 1, "PPLA", "FR", "84"}},
			map[string]string{"Lyon": RoleMention}},
		{"object of an event verb",
			"Troops attacked Paris.",
			[]testPlace{{"Paris", 1, "PPLC", "FR", "11"}},
			map[string]string{"Paris": RoleEvent}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := buildResult(t, tt.text, time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC), tt.places, nil, nil)
			events := assembleEvents(res, eventOnly)
			for text, want := range tt.want {
				if got := roleOf(res, text); got != want {
					t.Errorf("%s: role %q, want %q", text, got, want)
				}
			}
			n := 0
			for _, p := range res.Places {
				if p.Role == RoleEvent {
					n++
				}
			}
			if len(events) != n {
				t.Errorf("%d events for %d event places", len(events), n)
			}
		})
	}
	// A preset role wins.
	res := buildResult(t, "Paris announced sanctions in Paris.", time.Time{}, []testPlace{{"Paris", 1, "PPLC", "FR", "11"}, {"Paris", 1, "PPLC", "FR", "11"}}, nil, nil)
	res.Places[1].Role = "metonym"
	if ev := assembleEvents(res, eventOnly); len(ev) != 0 || res.Places[1].Role != "metonym" {
		t.Errorf("preset metonym: events %+v, role %q", ev, res.Places[1].Role)
	}
}

func TestEventTypes(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"President Anna Smith on Wednesday traveled to Izium after forces withdrew from the area.", TypeVisit},
		{"Smith attends a national flag-raising ceremony in Izium.", TypeCeremony},
		{"Smith poses with soldiers after attending a flag-raising ceremony in Izium.", TypeCeremony},
		{"Civilian bodies were found in the towns of Hrakove and Zaliznyche.", TypeCasualties},
		{"Workers discovered a mass grave near Izium.", TypeDiscovery},
		{"The prosecutor said investigators were looking into reports of civilians killed in Balakliia.", TypeInvestigation},
		{"Troops have regained territory in Kharkiv after Kyiv launched a counteroffensive.", TypeMovement},
		{"Missiles struck a power plant in Lviv.", TypeAttack},
		{"Three people were killed in Odesa.", TypeCasualties},
		{"A fire swept through warehouses in Patras.", TypeDisaster},
		{"The minister said in Paris that talks would go on.", TypeStatement},
		{"A soldier stands in Izium.", TypeOther},
	} {
		res := buildResult(t, tt.text, time.Time{}, nil, nil, nil)
		if got := eventType(res, 0); got != tt.want {
			t.Errorf("%q: type %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestEventDates(t *testing.T) {
	published := time.Date(2022, 9, 15, 0, 0, 0, 0, time.UTC)
	text := "Soldiers entered Izium on Wednesday.\n\n" +
		"Bodies were found in Hrakove.\n\n" +
		"A soldier stands in Kupiansk, Ukraine, Tuesday, Sept. 13, 2022. (AP Photo/Leo Correa)\n\n" +
		"A soldier rests in Balakliia. (AP Photo/Leo Correa)\n"
	places := []testPlace{{"Izium", 1, "PPLA2", "UA", "07"}, {"Hrakove", 2, "PPL", "UA", "07"}, {"Kupiansk", 3, "PPLA2", "UA", "07"}, {"Ukraine", 4, "PCLI", "UA", ""}, {"Balakliia", 5, "PPL", "UA", "07"}}
	dates := [][2]string{{"Wednesday", "2022-09-14"}, {"Tuesday, Sept. 13, 2022", "2022-09-13"}}
	res := buildResult(t, text, published, places, dates, nil)
	events := assembleEvents(res, eventOnly)
	want := []struct{ place, date, source, typ string }{
		{"Izium", "2022-09-14", "sentence", TypeOther},
		{"Hrakove", "2022-09-14", "narrative", TypeCasualties}, // the body's reference time
		{"Kupiansk", "2022-09-13", "sentence", TypeOther},
		{"Balakliia", "2022-09-13", "caption", TypeOther}, // a caption does not inherit the body's time, but the article's caption date
	}
	if len(events) != len(want) {
		t.Fatalf("got %d events %+v, want %d", len(events), events, len(want))
	}
	for i, w := range want {
		ev := events[i]
		if got := res.Places[ev.PlaceIndex].Text; got != w.place || ev.Date != w.date || ev.DateSource != w.source || ev.Type != w.typ {
			t.Errorf("event %d: %s %s (%s) %s, want %s %s (%s) %s", i, got, ev.Date, ev.DateSource, ev.Type, w.place, w.date, w.source, w.typ)
		}
	}
	if !(events[0].Confidence > events[1].Confidence && events[1].Confidence > events[3].Confidence) {
		t.Errorf("confidence should fall as the date is inherited from farther: %v %v %v", events[0].Confidence, events[1].Confidence, events[3].Confidence)
	}
	// With a caption date as the article's date, captions and the body
	// before any stated day inherit it.
	res = buildResult(t, "Bodies were found in Hrakove.", time.Time{}, []testPlace{{text: "Hrakove"}}, nil, nil)
	res.Published, res.PublishedSource = published, "caption"
	if ev := assembleEvents(res, eventOnly); len(ev) != 1 || ev[0].DateSource != "caption" || ev[0].Date != "2022-09-15" {
		t.Errorf("caption-dated article: %+v", ev)
	}
	// A day still to come does not date the sentences after it.
	res = buildResult(t, "Schools in Izium stay closed until Monday.\n\nOfficials in Balakliia said the damage was being counted.", published,
		[]testPlace{{"Izium", 1, "PPLA2", "UA", "07"}, {"Balakliia", 5, "PPL", "UA", "07"}}, [][2]string{{"Monday", "2022-09-19"}}, nil)
	if ev := assembleEvents(res, eventOnly); len(ev) != 2 || ev[1].Date != "2022-09-15" || ev[1].DateSource != "published" {
		t.Errorf("a future day became the narrative's time: %+v", ev)
	}
	// No date at all.
	res = buildResult(t, "Bodies were found in Hrakove.", time.Time{}, []testPlace{{text: "Hrakove"}}, nil, nil)
	if ev := assembleEvents(res, eventOnly); len(ev) != 1 || ev[0].DateSource != "" || ev[0].Date != "" {
		t.Errorf("undated article: %+v", ev)
	}
}

func TestMergeEvents(t *testing.T) {
	text := "President Anna Smith attended a flag-raising ceremony in Izium on Wednesday.\n\n" +
		"Anna Smith attends a flag-raising ceremony in Izium, Ukraine, Wednesday, Sept. 14, 2022. (AP Photo/Leo Correa)\n\n" +
		"Bob Jones spoke at a ceremony in Izium on Wednesday.\n\n" +
		"Troops attacked Izium on Wednesday.\n"
	places := []testPlace{{"Izium", 1, "PPLA2", "UA", "07"}, {"Izium", 1, "PPLA2", "UA", "07"}, {"Ukraine", 2, "PCLI", "UA", ""}, {"Izium", 1, "PPLA2", "UA", "07"}, {"Izium", 1, "PPLA2", "UA", "07"}}
	dates := [][2]string{{"Wednesday", "2022-09-14"}, {"Wednesday, Sept. 14, 2022", "2022-09-14"}, {"Wednesday", "2022-09-14"}, {"Wednesday", "2022-09-14"}}
	res := buildResult(t, text, time.Date(2022, 9, 15, 0, 0, 0, 0, time.UTC), places, dates, []string{"Anna Smith", "Bob Jones"})
	events := assembleEvents(res, eventOnly)
	if len(events) != 1 {
		t.Fatalf("got %d events %+v, want 1 (one event a place: the ceremony it leads with)", len(events), events)
	}
	ev := events[0]
	if ev.Type != TypeCeremony || ev.Mentions != 4 || len(ev.Sentences) != 4 || len(ev.Places) != 4 || ev.Date != "2022-09-14" {
		t.Errorf("merged event = %+v, want a ceremony with 4 mentions", ev)
	}
	if strings.Join(ev.People, ",") != "Anna Smith,Bob Jones" {
		t.Errorf("merged people %q", ev.People)
	}
	// The first mention inherits the article's date; a later one states
	// the day: the stated day wins.
	res = buildResult(t, "Troops entered Izium.\n\nFighting in Izium ended on Wednesday.\n\nA drone struck Lviv on Tuesday.",
		time.Date(2022, 9, 15, 0, 0, 0, 0, time.UTC), []testPlace{{"Izium", 1, "PPLA2", "UA", "07"}, {"Izium", 1, "PPLA2", "UA", "07"}, {"Lviv", 2, "PPLA", "UA", "15"}},
		[][2]string{{"Wednesday", "2022-09-14"}, {"Tuesday", "2022-09-13"}}, nil)
	events = assembleEvents(res, eventOnly)
	if len(events) != 2 || events[0].Date != "2022-09-14" || events[0].DateSource != "sentence" || events[1].Date != "2022-09-13" {
		t.Errorf("stated day over the inherited one: %+v", events)
	}
}

func TestPlaceRolesByReason(t *testing.T) {
	published := time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC) // a Wednesday
	town := func(name string, id int64) testPlace { return testPlace{name, id, "PPL", "FR", "84"} }
	for _, tt := range []struct {
		name, text string
		places     []testPlace
		dates      [][2]string
		want       map[string]string
	}{
		{"origin after from", "Firefighters from Lyon joined the crews battling a blaze in Grenoble on Monday.",
			[]testPlace{town("Lyon", 1), town("Grenoble", 2)}, [][2]string{{"Monday", "2024-05-06"}},
			map[string]string{"Lyon": RoleOrigin, "Grenoble": RoleEvent}},
		{"a distance from a place is a reference point", "The quake struck 40 kilometers from Nice on Monday.",
			[]testPlace{town("Nice", 1)}, [][2]string{{"Monday", "2024-05-06"}},
			map[string]string{"Nice": RoleMention}},
		{"destination through a noun phrase", "Two injured climbers were flown to a hospital in Grenoble on Tuesday.",
			[]testPlace{town("Grenoble", 1)}, [][2]string{{"Tuesday", "2024-05-07"}},
			map[string]string{"Grenoble": RoleDestination}},
		{"a ship bound for a port", "Customs officers seized the cargo of a ship bound for Marseille.",
			[]testPlace{town("Marseille", 1)}, nil,
			map[string]string{"Marseille": RoleDestination}},
		{"a visit to a place is an event", "The minister's visit to Tours drew protests.",
			[]testPlace{town("Tours", 1)}, nil,
			map[string]string{"Tours": RoleEvent}},
		{"modal: will", "The festival will open in Avignon on Friday.",
			[]testPlace{town("Avignon", 1)}, [][2]string{{"Friday", "2024-05-10"}},
			map[string]string{"Avignon": RolePlanned}},
		{"reported plan: said it would", "The union said it would take the strike to Rennes and Brest.",
			[]testPlace{town("Rennes", 1), town("Brest", 2)}, nil,
			map[string]string{"Rennes": RolePlanned, "Brest": RolePlanned}},
		{"expected to", "The storm is expected to weaken as it moves toward Dijon.",
			[]testPlace{town("Dijon", 1)}, nil,
			map[string]string{"Dijon": RolePlanned}},
		{"postponed after the place", "In Metz, a march planned for Tuesday was postponed because of rain.",
			[]testPlace{town("Metz", 1)}, [][2]string{{"Tuesday", "2024-05-07"}},
			map[string]string{"Metz": RolePlanned}},
		{"a date still to come", "Farmers blocked roads in Amiens on Friday.",
			[]testPlace{town("Amiens", 1)}, [][2]string{{"Friday", "2024-05-10"}},
			map[string]string{"Amiens": RolePlanned}},
		{"an earlier year is background", "The painting was shown in Lille last year during a fire.",
			[]testPlace{town("Lille", 1)}, [][2]string{{"last year", "2023"}},
			map[string]string{"Lille": RoleBackground}},
		{"earlier this year is news", "Rebels attacked a convoy near Pau earlier this year.",
			[]testPlace{town("Pau", 1)}, [][2]string{{"earlier this year", "2024"}},
			map[string]string{"Pau": RoleEvent}},
		{"parts of a place", "Heavy rain flooded parts of Nimes on Monday.",
			[]testPlace{town("Nimes", 1)}, [][2]string{{"Monday", "2024-05-06"}},
			map[string]string{"Nimes": RoleEvent}},
		{"seat of an organisation", "A fund based in Paris led the round, and a company headquartered in Lyon joined.",
			[]testPlace{town("Paris", 1), town("Lyon", 2)}, nil,
			map[string]string{"Paris": RoleMention, "Lyon": RoleMention}},
		{"X-based", "The Nantes-based firm was raided on Monday.",
			[]testPlace{town("Nantes", 1)}, [][2]string{{"Monday", "2024-05-06"}},
			map[string]string{"Nantes": RoleMention}},
		{"a commentator's seat", "An analyst in Toulouse said the attack was planned.",
			[]testPlace{town("Toulouse", 1)}, nil,
			map[string]string{"Toulouse": RoleMention}},
		{"a headline of another story", "Related: FLOODS HIT ORLEANS\n\nA fire destroyed a barn in Tours on Monday.",
			[]testPlace{town("ORLEANS", 1), town("Tours", 2)}, [][2]string{{"Monday", "2024-05-06"}},
			map[string]string{"ORLEANS": RoleHeadline, "Tours": RoleEvent}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := buildResult(t, tt.text, published, tt.places, tt.dates, nil)
			assembleEvents(res, eventOnly)
			for text, want := range tt.want {
				if got := roleOf(res, text); got != want {
					t.Errorf("%s: role %q, want %q", text, got, want)
				}
			}
		})
	}
}

func TestPersonAppositiveSeat(t *testing.T) {
	res := buildResult(t, "A bridge collapsed in Albi on Monday, and Marie Dubois, an engineer at a firm in Toulouse, said it was old.",
		time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC), []testPlace{{"Albi", 1, "PPL", "FR", "76"}, {"Toulouse", 2, "PPLA", "FR", "76"}},
		[][2]string{{"Monday", "2024-05-06"}}, []string{"Marie Dubois"})
	res.Entities[0].TokenStart, res.Entities[0].TokenEnd = tokenRange(res, "Marie Dubois")
	assembleEvents(res, eventOnly)
	if roleOf(res, "Albi") != RoleEvent || roleOf(res, "Toulouse") != RoleMention {
		t.Errorf("roles Albi %q Toulouse %q, want event and mention", roleOf(res, "Albi"), roleOf(res, "Toulouse"))
	}
}

// tokenRange returns the token span of the first occurrence of s.
func tokenRange(res *Result, s string) (int, int) {
	for i, tok := range res.Tokens {
		if strings.HasPrefix(s, tok.Text) {
			j, text := i, ""
			for ; j < len(res.Tokens) && len(text) < len(s); j++ {
				if text != "" {
					text += " "
				}
				text += res.Tokens[j].Text
			}
			if text == s {
				return i, j
			}
		}
	}
	return 0, 0
}

func TestDatelineAndContainers(t *testing.T) {
	published := time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC)
	// The dateline names the lead's place, even when the lead sentence
	// has no event word; its country only locates it.
	res := buildResult(t, "AVIGNON, France — Thousands of people lined the streets on Tuesday for the opening of the festival.",
		published, []testPlace{{"AVIGNON", 1, "PPLA2", "FR", "93"}, {"France", 2, "PCLI", "FR", ""}},
		[][2]string{{"Tuesday", "2024-05-07"}}, nil)
	events := assembleEvents(res, eventOnly)
	if len(events) != 1 || res.Places[events[0].PlaceIndex].Text != "AVIGNON" || events[0].Date != "2024-05-07" || roleOf(res, "France") != RoleContainer {
		t.Errorf("dateline: events %+v, France %q", events, roleOf(res, "France"))
	}
	// A region that holds another event place of the article is its
	// container, even in another sentence; a region alone stays an event.
	res = buildResult(t, "Tornadoes struck Provence on Monday.\n\nIn Arles, a tornado flattened a barn on Monday.\n\nStorms hit Brittany on Monday.",
		published, []testPlace{{"Provence", 1, "ADM1", "FR", "93"}, {"Arles", 2, "PPL", "FR", "93"}, {"Brittany", 3, "ADM1", "FR", "53"}},
		[][2]string{{"Monday", "2024-05-06"}, {"Monday", "2024-05-06"}, {"Monday", "2024-05-06"}}, nil)
	events = assembleEvents(res, eventOnly)
	var got []string
	for _, ev := range events {
		got = append(got, res.Places[ev.PlaceIndex].Text)
	}
	if strings.Join(got, ",") != "Arles,Brittany" || roleOf(res, "Provence") != RoleContainer {
		t.Errorf("events at %v, Provence %q; want Arles and Brittany, Provence a container", got, roleOf(res, "Provence"))
	}
}

// A day at the end of December is the news of a January article, not
// background from an earlier year; the year itself is.
func TestPlaceRoleAcrossNewYear(t *testing.T) {
	published := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ date, value, want string }{
		{"on Friday", "2023-12-29", RoleEvent},
		{"in December", "2023-12", RoleEvent},
		{"last year", "2023", RoleBackground},
		{"in October", "2023-10", RoleBackground},
	} {
		res := buildResult(t, "Soldiers cleared roads in Vichy "+tt.date+".", published,
			[]testPlace{{"Vichy", 1, "PPL", "FR", "84"}}, [][2]string{{strings.TrimPrefix(tt.date, "on "), tt.value}}, nil)
		assembleEvents(res, eventOnly)
		if got := roleOf(res, "Vichy"); got != tt.want {
			t.Errorf("%s (%s): role %q, want %q", tt.date, tt.value, got, tt.want)
		}
	}
}

func TestPlaceDateAndPrecision(t *testing.T) {
	published := time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)
	// Each place takes the date nearest to it.
	res := buildResult(t, "Thieves stole a painting from a gallery in Lyon on Monday, and police arrested a suspect in Dijon two days later.",
		published, []testPlace{{"Lyon", 1, "PPLA", "FR", "84"}, {"Dijon", 2, "PPLA", "FR", "27"}},
		[][2]string{{"Monday", "2024-03-04"}, {"two days later", "2024-03-06"}}, nil)
	events := assembleEvents(res, eventOnly)
	if len(events) != 2 || events[0].Date != "2024-03-04" || events[1].Date != "2024-03-06" {
		t.Fatalf("events %+v, want Lyon on the 4th and Dijon on the 6th", events)
	}
	if events[0].LocationPrecision != PrecisionPlace || events[0].PointIndex != events[0].PlaceIndex {
		t.Errorf("resolved place: precision %q point %d", events[0].LocationPrecision, events[0].PointIndex)
	}
	if events[0].DateStart != "2024-03-04" || events[0].DateEnd != "2024-03-04" {
		t.Errorf("date interval %s..%s", events[0].DateStart, events[0].DateEnd)
	}
	// An unresolved village takes the point of its region, as approximate.
	res = buildResult(t, "Bodies were found in Hrakove, in the Kharkiv region, on Tuesday.", published,
		[]testPlace{{text: "Hrakove"}, {"Kharkiv region", 706482, "ADM1", "UA", "07"}}, [][2]string{{"Tuesday", "2024-03-05"}}, nil)
	events = assembleEvents(res, eventOnly)
	if len(events) != 1 || res.Places[events[0].PlaceIndex].Text != "Hrakove" || events[0].LocationPrecision != PrecisionAdmin1 ||
		res.Places[events[0].PointIndex].Text != "Kharkiv region" || events[0].Confidence >= 0.5 {
		t.Errorf("approximate location: %+v", events)
	}
	// A week-level date spans its days.
	res = buildResult(t, "Troops withdrew from around Izium late last week.", published,
		[]testPlace{{"Izium", 1, "PPLA2", "UA", "07"}}, [][2]string{{"late last week", "2024-W09"}}, nil)
	res.Places[0].Role = RoleEvent
	if events = assembleEvents(res, eventOnly); len(events) != 1 || events[0].DateStart != "2024-02-26" || events[0].DateEnd != "2024-03-03" {
		t.Errorf("week interval: %+v", events)
	}
}

// eventOnly is the default role set of an Extractor.
var eventOnly = map[string]bool{RoleEvent: true}

func TestEventRoles(t *testing.T) {
	published := time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC)
	text := "The festival will open in Avignon on Friday.\n\nA fire destroyed a barn in Arles on Monday.\n\nThe fire in Avignon was put out."
	places := []testPlace{{"Avignon", 1, "PPLA2", "FR", "93"}, {"Arles", 2, "PPL", "FR", "93"}, {"Avignon", 1, "PPLA2", "FR", "93"}}
	dates := [][2]string{{"Friday", "2024-05-10"}, {"Monday", "2024-05-06"}}
	res := buildResult(t, text, published, places, dates, nil)
	events := assembleEvents(res, map[string]bool{RoleEvent: true, RolePlanned: true})
	if len(events) != 2 {
		t.Fatalf("events %+v, want Avignon and Arles", events)
	}
	// Avignon's event mention wins over its plan.
	if events[0].Role != RoleEvent || events[0].Sentence != 2 || events[0].Mentions != 2 || events[1].Role != RoleEvent {
		t.Errorf("events %+v", events)
	}
	res = buildResult(t, text, published, places[:2], dates, nil)
	events = assembleEvents(res, map[string]bool{RoleEvent: true, RolePlanned: true})
	if len(events) != 2 || events[0].Role != RolePlanned || events[0].Date != "2024-05-10" {
		t.Errorf("planned event %+v", events)
	}
	if events = assembleEvents(buildResult(t, text, published, places[:2], dates, nil), eventOnly); len(events) != 1 {
		t.Errorf("default roles: %+v, want Arles alone", events)
	}
	if _, err := roleSet([]string{"event", "sometime"}); err == nil || !strings.Contains(err.Error(), `"sometime"`) {
		t.Errorf("unknown role: %v", err)
	}
}
