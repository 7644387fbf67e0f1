package extract

import (
	"slices"
	"strings"
	"testing"
)

// The tests below cover the place forms (name, abbreviation, demonym,
// in_name) and the span rules of spanrules.go on sentences written for
// them. End-to-end tests run the whole pipeline; the hand-tagged ones feed
// the rules entities chosen by hand, so that each rule is checked whatever
// the tagger proposes.

// wantPlace is a place a sentence must yield. An empty cc or within is
// not checked.
type wantPlace struct {
	text   string
	form   string
	within string
	cc     string
}

// findForm returns the first place of res with this text and form.
func findForm(res Result, text, form string) (Place, bool) {
	for _, p := range res.Places {
		if p.Text == text && p.Form == form {
			return p, true
		}
	}
	return Place{}, false
}

// describePlaces lists the places of res for failure messages.
func describePlaces(res Result) string {
	var b strings.Builder
	for _, p := range res.Places {
		b.WriteString("\n\t" + p.Text + " form=" + p.Form + " within=" + p.Within + " cc=" + p.CountryCode + " role=" + p.Role)
	}
	if b.Len() == 0 {
		return " (no places)"
	}
	return b.String()
}

// checkWant asserts that res has the place w.
func checkWant(t *testing.T, res Result, w wantPlace) {
	t.Helper()
	p, ok := findForm(res, w.text, w.form)
	if !ok {
		t.Errorf("%q: no place %q of form %q; places:%s", res.Document.Text, w.text, w.form, describePlaces(res))
		return
	}
	if w.within != "" && p.Within != w.within {
		t.Errorf("%q: %q within %q, want %q", res.Document.Text, w.text, p.Within, w.within)
	}
	if w.cc != "" {
		if !p.Resolved() {
			t.Errorf("%q: %q unresolved, want a place in %s", res.Document.Text, w.text, w.cc)
		} else if p.CountryCode != w.cc {
			t.Errorf("%q: %q in %s, want %s", res.Document.Text, w.text, p.CountryCode, w.cc)
		}
	}
	if (w.form == FormDemonym || w.form == FormInName) && p.Role == RoleEvent {
		t.Errorf("%q: %s %q has role event", res.Document.Text, w.form, w.text)
	}
}

// checkNotNamed asserts that no place of res named or abbreviated as such
// has this text.
func checkNotNamed(t *testing.T, res Result, text string) {
	t.Helper()
	for _, form := range []string{FormName, FormAbbreviation} {
		if _, ok := findForm(res, text, form); ok {
			t.Errorf("%q: %q read as a place (%s); places:%s", res.Document.Text, text, form, describePlaces(res))
		}
	}
}

// checkNoPlace asserts that res has no place of any form with this text.
func checkNoPlace(t *testing.T, res Result, text string) {
	t.Helper()
	for _, p := range res.Places {
		if p.Text == text {
			t.Errorf("%q: %q read as a place (%s); places:%s", res.Document.Text, text, p.Form, describePlaces(res))
		}
	}
}

// formCase is one sentence, the places it must yield, and the texts that
// must not be places named or abbreviated as such.
type formCase struct {
	text     string
	want     []wantPlace
	notNamed []string
	none     []string // no place of any form
}

func runFormCases(t *testing.T, cases []formCase) {
	t.Helper()
	ex := defaultExtractor(t)
	for _, c := range cases {
		res, err := ex.Extract(t.Context(), Document{ID: "t", Text: c.text, Published: "2022-09-14"})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			checkWant(t, res, w)
		}
		for _, s := range c.notNamed {
			checkNotNamed(t, res, s)
		}
		for _, s := range c.none {
			checkNoPlace(t, res, s)
		}
		checkFormRoles(t, res)
	}
}

// checkFormRoles asserts the invariants of forms: every place has one of
// Forms, places of the forms demonym and in_name are never event places,
// and events point only at places named or abbreviated.
func checkFormRoles(t *testing.T, res Result) {
	t.Helper()
	for _, p := range res.Places {
		if !slices.Contains(Forms, p.Form) {
			t.Errorf("%q: place %q has form %q", res.Document.Text, p.Text, p.Form)
		}
		if (p.Form == FormDemonym || p.Form == FormInName) && p.Role == RoleEvent {
			t.Errorf("%q: %s %q has role event", res.Document.Text, p.Form, p.Text)
		}
	}
	named := func(i int) bool {
		return i >= 0 && i < len(res.Places) && (res.Places[i].Form == FormName || res.Places[i].Form == FormAbbreviation)
	}
	for _, ev := range res.Events {
		if !named(ev.PlaceIndex) {
			t.Errorf("%q: event place %d is no named place; places:%s", res.Document.Text, ev.PlaceIndex, describePlaces(res))
		}
		for _, i := range ev.Places {
			if !named(i) {
				t.Errorf("%q: event mention %d is no named place; places:%s", res.Document.Text, i, describePlaces(res))
			}
		}
		if ev.PointIndex >= 0 && (ev.PointIndex >= len(res.Places) || !res.Places[ev.PointIndex].Resolved()) {
			t.Errorf("%q: event point %d is no resolved place", res.Document.Text, ev.PointIndex)
		}
	}
}

func TestSpellingForm(t *testing.T) {
	for _, c := range []struct {
		text, want string
	}{
		{"Calif.", FormAbbreviation},
		{"W.Va.", FormAbbreviation},
		{"W.Va", FormAbbreviation},
		{"U.S.", FormAbbreviation},
		{"D.C.", FormAbbreviation},
		{"Ga.", FormAbbreviation},
		{"Que.", FormAbbreviation},
		{"UK", FormAbbreviation},
		{"NSW", FormAbbreviation},
		{"DRC", FormAbbreviation},
		{"TX", FormAbbreviation},
		{"Dallas", FormName},
		{"Iowa", FormName},
		{"Calif", FormName}, // no full stop, not all capitals
		{"NATO", FormName},  // four capitals
		{"Ky", FormName},    // not all capitals
		{"A", FormName},     // one letter
		{"Kharkiv region", FormName},
		{"New York", FormName},
		{"St. Louis", FormName},      // two words, one with a full stop
		{"U.S.\u00a0Army", FormName}, // a no-break space separates words too
		{"", FormName},
	} {
		if got := spellingForm(c.text); got != c.want {
			t.Errorf("spellingForm(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestFormDemonym(t *testing.T) {
	runFormCases(t, []formCase{
		{text: "Russian troops shelled the town on Monday, and Syrians fled across the border.",
			want: []wantPlace{{"Russian", FormDemonym, "", "RU"}, {"Syrians", FormDemonym, "", "SY"}}},
		{text: "Hundreds of Afghans waited outside the airport gates on Thursday.",
			want: []wantPlace{{"Afghans", FormDemonym, "", "AF"}}},
		{text: "A Canadian hiker was rescued from the mountain on Saturday.",
			want: []wantPlace{{"Canadian", FormDemonym, "", "CA"}}},
		{text: "Mexicans voted in a referendum on Sunday.",
			want: []wantPlace{{"Mexicans", FormDemonym, "", "MX"}}},
		{text: "Thousands of Ukrainians crossed into Poland on Sunday.",
			want: []wantPlace{{"Ukrainians", FormDemonym, "", "UA"}, {"Poland", FormName, "", "PL"}}},
		{text: "Filipinos lined up to vote on Monday.",
			want: []wantPlace{{"Filipinos", FormDemonym, "", "PH"}}},
		{text: "Brazilians and Argentines celebrated in the streets.",
			want: []wantPlace{{"Brazilians", FormDemonym, "", "BR"}, {"Argentines", FormDemonym, "", "AR"}}},
		{text: "Georgian wine exports rose sharply last year.",
			want: []wantPlace{{"Georgian", FormDemonym, "", "GE"}}},
		{text: "Lisa Brown, a Russian citizen, was detained at the border.",
			want: []wantPlace{{"Russian", FormDemonym, "", "RU"}}},
		{text: "CAIRO Egyptian officials said the canal had reopened.",
			want: []wantPlace{{"CAIRO", FormName, "", "EG"}, {"Egyptian", FormDemonym, "", "EG"}}},
		// Inside a PERSON or a LOCATION a demonym is part of the name.
		{text: "Coach Tom English said the team played well.", none: []string{"English"}},
		{text: "The Russian Federation closed its airspace on Monday.",
			want: []wantPlace{{"Russian Federation", FormName, "", "RU"}}, none: []string{"Russian"}},
		// So it is inside a longer name of something else.
		{text: "British Airways cancelled dozens of flights on Friday.", none: []string{"British"}},
	})
	// A demonym is resolved to its country and only mentions it.
	res := extractText(t, "Ukrainian soldiers repaired the bridge near the river on Monday.")
	p, ok := findForm(res, "Ukrainian", FormDemonym)
	if !ok {
		t.Fatalf("no demonym: %s", describePlaces(res))
	}
	if p.Role != RoleMention || p.FeatureCode != "PCLI" || p.Within != "" || p.Score <= 0 {
		t.Errorf("demonym %+v: want a scored country, role mention, no within", p)
	}
}

func TestFormInName(t *testing.T) {
	runFormCases(t, []formCase{
		{text: "Officers from the Dallas Police Department arrested two men on Friday.",
			want:     []wantPlace{{"Dallas", FormInName, "Dallas Police Department", "US"}},
			notNamed: []string{"Dallas", "Dallas Police Department"}},
		{text: "The Chicago Board of Education voted to close four schools.",
			want:     []wantPlace{{"Chicago", FormInName, "Chicago Board of Education", "US"}},
			notNamed: []string{"Chicago"}},
		{text: "A spokesman for the Texas Department of Transportation said the road would reopen.",
			want: []wantPlace{{"Texas", FormInName, "Texas Department of Transportation", "US"}}},
		{text: "The Kenya Wildlife Service said the elephant had been found dead.",
			want: []wantPlace{{"Kenya", FormInName, "Kenya Wildlife Service", "KE"}}},
		{text: "The Denver Public Library extended its hours on Monday.",
			want: []wantPlace{{"Denver", FormInName, "Denver Public Library", "US"}}},
		{text: "The New York Police Department said the suspect was arrested.",
			want: []wantPlace{{"New York", FormInName, "New York Police Department", "US"}}},
		{text: "The Madison County Sheriff's Office said the road was closed.",
			want:     []wantPlace{{"Madison County", FormInName, "Madison County Sheriff's Office", "US"}},
			notNamed: []string{"Madison County"}},
		{text: "The Houston Chronicle reported the story on Sunday.",
			want: []wantPlace{{"Houston", FormInName, "Houston Chronicle", "US"}}},
		// After "of": "University of Iowa", "Bank of Canada".
		{text: "Researchers at the University of Iowa published the study on Tuesday.",
			want: []wantPlace{{"Iowa", FormInName, "University of Iowa", "US"}}},
		{text: "The Bank of Canada raised interest rates on Wednesday.",
			want: []wantPlace{{"Canada", FormInName, "Bank of Canada", "CA"}}},
		// A town under 50,000 people is not read inside a name.
		{text: "The Ithaca Police Department said the suspect had fled.", none: []string{"Ithaca"}},
		{text: "The Selma Fire Department answered the call within minutes.", none: []string{"Selma"}},
		// In the middle of a name a place's name is not the place.
		{text: "Real Madrid signed a new goalkeeper on Monday.", none: []string{"Madrid"}},
	})
}

func TestSpanDateline(t *testing.T) {
	runFormCases(t, []formCase{
		{text: "RUSSELLVILLE, Ark. (AP) — A fire destroyed a warehouse on Tuesday.",
			want: []wantPlace{{"RUSSELLVILLE", FormName, "", "US"}, {"Ark.", FormAbbreviation, "", "US"}}},
		{text: "SALT LAKE CITY (AP) — Utah lawmakers passed a budget on Friday.",
			want: []wantPlace{{"SALT LAKE CITY", FormName, "", "US"}, {"Utah", FormName, "", "US"}}},
		{text: "NAIROBI, Kenya — Heavy rains flooded parts of the capital on Monday.",
			want: []wantPlace{{"NAIROBI", FormName, "", "KE"}, {"Kenya", FormName, "", "KE"}}},
		{text: "IOWA CITY, Iowa — Students returned to campus on Monday.",
			want: []wantPlace{{"IOWA CITY", FormName, "", "US"}}},
		{text: "KYIV, Ukraine — Air raid sirens sounded across the capital on Monday.",
			want: []wantPlace{{"KYIV", FormName, "", "UA"}, {"Ukraine", FormName, "", "UA"}}},
		{text: "LOUISVILLE, KY (AP) — Storms knocked out power on Monday.",
			want: []wantPlace{{"LOUISVILLE", FormName, "", "US"}, {"KY", FormAbbreviation, "", "US"}}},
		{text: "GATINEAU, Que. — A water main broke on Monday.",
			want: []wantPlace{{"GATINEAU", FormName, "", "CA"}, {"Que.", FormAbbreviation, "", "CA"}}},
		// A small town is a dateline when its state follows.
		{text: "HOLLIDAY, Mo. — A barn fire killed dozens of cattle on Tuesday.",
			want: []wantPlace{{"HOLLIDAY", FormName, "", "US"}, {"Mo.", FormAbbreviation, "", "US"}}},
		// A dash, or a capitalized word, may follow the place.
		{text: "BEIRUT (Reuters) - Lebanon's parliament met on Monday.",
			want: []wantPlace{{"BEIRUT", FormName, "", "LB"}}},
		{text: "LONDON — The central bank raised interest rates on Thursday.",
			want: []wantPlace{{"LONDON", FormName, "", "GB"}}},
		// A dateline may open a line, not only the text.
		{text: "Story continues\nDENVER, Colo. (AP) — Snow closed schools on Wednesday.",
			want: []wantPlace{{"DENVER", FormName, "", "US"}, {"Colo.", FormAbbreviation, "", "US"}}},
		// Not datelines: a small town alone, capitalized words that name
		// no place.
		{text: "HOLLIDAY — A barn fire killed dozens of cattle on Tuesday.", none: []string{"HOLLIDAY"}},
		{text: "CRICKET - England won the toss and chose to bat.", none: []string{"CRICKET"}},
		{text: "BREAKING: Markets fell sharply on Monday.", none: []string{"BREAKING"}},
		{text: "UPDATE — The story has been corrected.", none: []string{"UPDATE"}},
	})
	// The dateline's state is the Arkansas division.
	res := extractText(t, "RUSSELLVILLE, Ark. (AP) — A fire destroyed a warehouse on Tuesday.")
	if p, ok := findForm(res, "Ark.", FormAbbreviation); !ok || p.FeatureCode != "ADM1" || p.Admin1 != "AR" {
		t.Errorf("Ark. read as %+v, want Arkansas", p)
	}
	if p, ok := findForm(res, "RUSSELLVILLE", FormName); !ok || p.Admin1 != "AR" {
		t.Errorf("RUSSELLVILLE read as %+v, want the Arkansas town", p)
	}
}

func TestSpanCounty(t *testing.T) {
	runFormCases(t, []formCase{
		{text: "Firefighters in Black Hawk County battled a blaze on Sunday.",
			want: []wantPlace{{"Black Hawk County", FormName, "", "US"}}},
		{text: "Deputies in Marion County searched for the missing boy on Sunday.",
			want: []wantPlace{{"Marion County", FormName, "", "US"}}},
		{text: "Flooding closed roads across Jefferson Parish on Tuesday.",
			want: []wantPlace{{"Jefferson Parish", FormName, "", "US"}}},
		{text: "Officials in the Matanuska-Susitna Borough declared an emergency.",
			want: []wantPlace{{"Matanuska-Susitna Borough", FormName, "", "US"}}},
		{text: "Residents of Cranberry Township complained about the noise.",
			want: []wantPlace{{"Cranberry Township", FormName, "", "US"}}},
		{text: "Laurel County deputies arrested a man on Friday.",
			want: []wantPlace{{"Laurel County", FormName, "", "US"}}},
	})
	res := extractText(t, "Firefighters in Black Hawk County battled a blaze on Sunday.")
	if p, ok := findForm(res, "Black Hawk County", FormName); !ok || p.FeatureCode != "ADM2" || p.Admin1 != "IA" {
		t.Errorf("Black Hawk County read as %+v, want the Iowa county", p)
	}
}

// A place's name used as a modifier or for its authorities is the place.
func TestSpanWholeName(t *testing.T) {
	runFormCases(t, []formCase{
		{text: "The NSW government announced new rules on Monday.",
			want: []wantPlace{{"NSW", FormAbbreviation, "", "AU"}}},
		{text: "The Queensland government said the dam was safe.",
			want: []wantPlace{{"Queensland", FormName, "", "AU"}}},
		{text: "Police said the B.C. wildfire had grown overnight.",
			want: []wantPlace{{"B.C.", FormAbbreviation, "", "CA"}}},
		{text: "The Cairns police force appealed for witnesses on Monday.",
			want: []wantPlace{{"Cairns", FormName, "", "AU"}}},
		// In a sports report a town's name is its club.
		{text: "Fans cheered as Ithaca won the basketball tournament after a tense league season.",
			notNamed: []string{"Ithaca"}},
	})
}

func TestSpanAbbrevAfterPlace(t *testing.T) {
	runFormCases(t, []formCase{
		{text: "A tornado struck Athens, Ga., on Wednesday.",
			want: []wantPlace{{"Athens", FormName, "", "US"}, {"Ga.", FormAbbreviation, "", "US"}}},
		{text: "A bridge collapsed in Gatineau, Que., on Monday.",
			want: []wantPlace{{"Gatineau", FormName, "", "CA"}, {"Que.", FormAbbreviation, "", "CA"}}},
		{text: "The storm hit Athens, GA, on Tuesday.",
			want: []wantPlace{{"GA", FormAbbreviation, "", "US"}}},
		{text: "Police in Springfield, Mo., said the suspect was arrested.",
			want: []wantPlace{{"Springfield", FormName, "", "US"}, {"Mo.", FormAbbreviation, "", "US"}}},
		{text: "Voters in Paris, TX, approved the school bond.",
			want: []wantPlace{{"Paris", FormName, "", "US"}, {"TX", FormAbbreviation, "", "US"}}},
		// A country's abbreviation needs no place before it.
		{text: "US policies on trade drew criticism from farmers.",
			want: []wantPlace{{"US", FormAbbreviation, "", "US"}}},
		{text: "The UK economy shrank in the third quarter.",
			want: []wantPlace{{"UK", FormAbbreviation, "", "GB"}}},
		{text: "The U.S. military said the drill went as planned.",
			want: []wantPlace{{"U.S.", FormAbbreviation, "", "US"}}},
		{text: "DRC officials said the outbreak had spread.",
			want: []wantPlace{{"DRC", FormAbbreviation, "", "CD"}}},
	})
	// The qualifier reads the town: Paris, Texas; Athens, Georgia.
	res := extractText(t, "Voters in Paris, TX, approved the school bond. A tornado struck Athens, Ga., on Wednesday.")
	for _, c := range []struct{ text, admin1 string }{{"Paris", "TX"}, {"TX", "TX"}, {"Athens", "GA"}, {"Ga.", "GA"}} {
		i := placeIndex(res, c.text)
		if i < 0 || res.Places[i].CountryCode != "US" || res.Places[i].Admin1 != c.admin1 {
			t.Errorf("%q: want a place in US-%s; places:%s", c.text, c.admin1, describePlaces(res))
		}
	}
}

func TestNotPlace(t *testing.T) {
	runFormCases(t, []formCase{
		// A place's name before a disease word names the disease.
		{text: "Health officials confirmed a case of West Nile virus in the county.",
			notNamed: []string{"West Nile", "West", "Nile"}},
		{text: "Doctors treated patients for Marburg fever at the clinic.",
			notNamed: []string{"Marburg"}},
		{text: "Health officials reported a rise in Zika virus infections.",
			notNamed: []string{"Zika"}},
		// An institution's word makes the span an organisation, with the
		// place inside it.
		{text: "The Texas Department of Public Safety closed the highway.",
			want:     []wantPlace{{"Texas", FormInName, "Texas Department of Public Safety", "US"}},
			notNamed: []string{"Texas", "Texas Department of Public Safety"}},
		{text: "The Kenya Ports Authority said the ship had docked.",
			want:     []wantPlace{{"Kenya", FormInName, "Kenya Ports Authority", "KE"}},
			notNamed: []string{"Kenya", "Kenya Ports Authority"}},
		{text: "The Florida Department of Health reported new cases.",
			want:     []wantPlace{{"Florida", FormInName, "Florida Department of Health", "US"}},
			notNamed: []string{"Florida"}},
		// The surname of a person named in full is the person.
		{text: "Ann Dunn runs a bakery. Dunn said sales fell in March.", notNamed: []string{"Dunn"}},
		{text: "Sarah Houston joined the firm in 2019. Houston said the merger was good news.",
			notNamed: []string{"Houston"}},
		{text: "Mark Lincoln won the race on Sunday. Lincoln said he was tired.", notNamed: []string{"Lincoln"}},
		// A first name is not enough: Georgia is still a place.
		{text: "Georgia Whitlock, a nurse, moved to Atlanta. Whitlock said she loved Georgia.",
			want: []wantPlace{{"Georgia", FormName, "", "US"}, {"Atlanta", FormName, "", "US"}}, notNamed: []string{"Whitlock"}},
		// International organisations are never places.
		{text: "The U.N. and NATO met in Brussels on Tuesday. EU ministers agreed.",
			want: []wantPlace{{"Brussels", FormName, "", "BE"}}, none: []string{"U.N.", "NATO", "EU"}},
		{text: "The UN said aid would arrive on Friday.", none: []string{"UN"}},
	})
	// "United States Department of Agriculture": an organisation, whose
	// "United States" is a place inside it.
	res := extractText(t, "The United States Department of Agriculture released a report on Monday.")
	checkNotNamed(t, res, "United States")
	checkNotNamed(t, res, "United States Department of Agriculture")
	p, ok := findForm(res, "United States", FormInName)
	if !ok || p.CountryCode != "US" || !strings.HasPrefix(p.Within, "United States Department") {
		t.Errorf("United States read as %+v; places:%s", p, describePlaces(res))
	}
}

// handEnt is an entity given by its text (its first occurrence after the
// previous entity) and label.
type handEnt struct {
	text  string
	label Label
}

// handTagged tokenizes text and makes the entities ents of it.
func handTagged(t *testing.T, text string, ents []handEnt) (*Result, []Entity) {
	t.Helper()
	res := &Result{Document: Document{Text: text}}
	res.Tokens = Tokenize(text)
	res.Sentences = Sentences(text, res.Tokens)
	var out []Entity
	from := 0 // byte offset to search from
	for _, h := range ents {
		at := strings.Index(text[from:], h.text)
		if at < 0 {
			t.Fatalf("%q not in %q", h.text, text)
		}
		bs, be := from+at, from+at+len(h.text)
		a, b := -1, -1
		for i, tok := range res.Tokens {
			if tok.ByteStart == bs {
				a = i
			}
			if tok.ByteEnd == be {
				b = i + 1
			}
		}
		if a < 0 || b <= a {
			t.Fatalf("%q in %q is not a run of tokens", h.text, text)
		}
		e := tokenEntity(res, sentenceOfToken(res, a), a, b)
		e.Label = h.label
		out = append(out, e)
		from = be
	}
	return res, out
}

func entityStrings(ents []Entity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, string(e.Label)+" "+e.Text)
	}
	return out
}

// Each span rule on entities chosen by hand, as the tagger might propose
// them.
func TestSpanRulesHandTagged(t *testing.T) {
	const (
		L = Location
		O = Organization
		P = Person
		M = Misc
	)
	ex := defaultExtractor(t)
	rc := recognizer{model: ex.ner, gaz: ex.gaz}
	for _, c := range []struct {
		name string
		text string
		in   []handEnt
		want []string
	}{
		// datelines
		{"dateline with state", "RUSSELLVILLE, Ark. (AP) — A fire destroyed a warehouse on Tuesday.",
			[]handEnt{{"AP", O}}, []string{"LOCATION RUSSELLVILLE", "LOCATION Ark.", "ORGANIZATION AP"}},
		{"dateline before a capitalized word", "WASHINGTON Officials said the talks had ended.",
			nil, []string{"LOCATION WASHINGTON"}},
		{"dateline split from a person's name", "WASHINGTON John Miller testified on Tuesday.",
			[]handEnt{{"WASHINGTON John Miller", O}}, []string{"LOCATION WASHINGTON", "PERSON John Miller"}},
		{"dateline with a postal code", "LOUISVILLE, KY (AP) — Storms hit.",
			nil, []string{"LOCATION LOUISVILLE", "LOCATION KY"}},
		{"dateline taken from an organisation", "NAIROBI Kenya Airways resumed flights on Monday.",
			[]handEnt{{"NAIROBI Kenya Airways", O}}, []string{"LOCATION NAIROBI", "ORGANIZATION Kenya Airways"}},
		{"dateline on a later line", "Photo gallery\nBEIRUT (Reuters) - The port reopened.",
			[]handEnt{{"Reuters", O}}, []string{"LOCATION BEIRUT", "ORGANIZATION Reuters"}},
		{"small town alone is no dateline", "HOLLIDAY — A barn burned on Tuesday.", nil, nil},
		{"capitals that name no place", "CRICKET - England won the toss.",
			[]handEnt{{"England", L}}, []string{"LOCATION England"}},
		{"capitals inside a line", "Officials in NAIROBI, Kenya, said the talks had ended.",
			[]handEnt{{"Kenya", L}}, []string{"LOCATION Kenya"}},
		// counties
		{"county tagged organisation", "Firefighters in Black Hawk County battled a blaze.",
			[]handEnt{{"Black Hawk County", O}}, []string{"LOCATION Black Hawk County"}},
		{"borough tagged person", "Residents of Enfield Borough voted on Tuesday.",
			[]handEnt{{"Enfield Borough", P}}, []string{"LOCATION Enfield Borough"}},
		{"parish left untagged", "Flooding closed roads across Jefferson Parish on Tuesday.",
			nil, []string{"LOCATION Jefferson Parish"}},
		{"township left untagged", "Residents of Cranberry Township complained.",
			nil, []string{"LOCATION Cranberry Township"}},
		// whole names
		{"division abbreviation as a modifier", "The NSW government announced new rules.",
			[]handEnt{{"NSW", O}}, []string{"LOCATION NSW"}},
		{"division with full stops", "Police said the B.C. wildfire had grown.",
			[]handEnt{{"B.C.", M}}, []string{"LOCATION B.C."}},
		{"division as a modifier", "The Queensland government said the dam was safe.",
			[]handEnt{{"Queensland", O}}, []string{"LOCATION Queensland"}},
		{"town for its police", "The Cairns police appealed for witnesses.",
			[]handEnt{{"Cairns", O}}, []string{"LOCATION Cairns"}},
		{"towns in a sports report", "Cairns beat Townsville in the rugby league final.",
			[]handEnt{{"Cairns", O}, {"Townsville", O}}, []string{"ORGANIZATION Cairns", "ORGANIZATION Townsville"}},
		{"a common word is no town", "Independence won a majority of the seats.",
			[]handEnt{{"Independence", O}}, []string{"ORGANIZATION Independence"}},
		{"a long name is no town", "The Cairns Regional Art Gallery reopened.",
			[]handEnt{{"Cairns Regional Art Gallery", O}}, []string{"ORGANIZATION Cairns Regional Art Gallery"}},
		{"international organisations", "The U.N. and the EU sent aid.",
			[]handEnt{{"U.N.", O}, {"EU", O}}, []string{"ORGANIZATION U.N.", "ORGANIZATION EU"}},
		{"demonym stays", "Russian officials denied it.",
			[]handEnt{{"Russian", M}}, []string{"MISC Russian"}},
		// not places
		{"disease", "A case of West Nile virus was confirmed.",
			[]handEnt{{"West Nile", L}}, []string{"MISC West Nile"}},
		{"fever", "Doctors treated Marburg fever patients.",
			[]handEnt{{"Marburg", L}}, []string{"MISC Marburg"}},
		{"institution", "The United States Department of Agriculture released a report.",
			[]handEnt{{"United States Department of Agriculture", L}}, []string{"ORGANIZATION United States Department of Agriculture"}},
		{"institution police", "The Toronto Police Service made an arrest.",
			[]handEnt{{"Toronto Police Service", L}}, []string{"ORGANIZATION Toronto Police Service"}},
		{"surname of a person named in full", "Ann Dunn runs a bakery. Dunn said sales fell.",
			[]handEnt{{"Ann Dunn", P}, {"Dunn", L}}, []string{"PERSON Ann Dunn", "PERSON Dunn"}},
		{"first name is not enough", "Georgia Whitlock moved to Georgia.",
			[]handEnt{{"Georgia Whitlock", P}, {"Georgia", L}}, []string{"PERSON Georgia Whitlock", "LOCATION Georgia"}},
		{"place name without a person", "Officials in Dunn said sales fell.",
			[]handEnt{{"Dunn", L}}, []string{"LOCATION Dunn"}},
		// abbreviations after places
		{"state after a town", "A tornado struck Athens, Ga., on Wednesday.",
			[]handEnt{{"Athens", L}}, []string{"LOCATION Athens", "LOCATION Ga."}},
		{"province after a town", "A bridge collapsed in Gatineau, Que., on Monday.",
			[]handEnt{{"Gatineau", L}}, []string{"LOCATION Gatineau", "LOCATION Que."}},
		{"postal code after a town", "Voters in Paris, TX, approved the bond.",
			[]handEnt{{"Paris", L}}, []string{"LOCATION Paris", "LOCATION TX"}},
		{"untagged country abbreviation", "US policies drew criticism.",
			nil, []string{"LOCATION US"}},
		{"untagged country abbreviation with stops", "The U.S. military said the drill went well.",
			nil, []string{"LOCATION U.S."}},
		{"division abbreviation needs a place before it", "TX voters approved the bond.",
			nil, nil},
		{"organisation abbreviation untagged", "EU ministers met on Monday.",
			nil, nil},
		{"abbreviation after a non-place", "Smith, Ga., and others signed.",
			[]handEnt{{"Smith", P}}, []string{"PERSON Smith"}},
	} {
		res, ents := handTagged(t, c.text, c.in)
		got := entityStrings(rc.placeSpans(res, ents))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q gave %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

// Demonyms and places inside longer names on entities chosen by hand.
func TestFormMentionsHandTagged(t *testing.T) {
	const (
		L = Location
		O = Organization
		P = Person
		M = Misc
	)
	ex := defaultExtractor(t)
	rc := recognizer{model: ex.ner, gaz: ex.gaz}
	for _, c := range []struct {
		name string
		text string
		in   []handEnt
		want []string // form|text|within|cc
	}{
		{"in_name opening a name", "Officers of the Dallas Police Department made arrests.",
			[]handEnt{{"Dallas Police Department", O}}, []string{"in_name|Dallas|Dallas Police Department|"}},
		{"in_name after of", "Researchers at the University of Iowa published the study.",
			[]handEnt{{"University of Iowa", O}}, []string{"in_name|Iowa|University of Iowa|"}},
		{"two-word place in a name", "The New Mexico State Police closed the road.",
			[]handEnt{{"New Mexico State Police", O}}, []string{"in_name|New Mexico|New Mexico State Police|"}},
		{"in_name in a misc name", "Fans of the Houston Rockets lined up.",
			[]handEnt{{"Houston Rockets", M}}, []string{"in_name|Houston|Houston Rockets|"}},
		{"country abbreviation in a name", "The U.S. Army Corps of Engineers built the levee.",
			[]handEnt{{"U.S. Army Corps of Engineers", O}}, []string{"in_name|U.S.|U.S. Army Corps of Engineers|"}},
		{"place in the middle of a name", "Real Madrid signed a goalkeeper.",
			[]handEnt{{"Real Madrid", O}}, nil},
		{"small town in a name", "The Ithaca Police Department said the suspect fled.",
			[]handEnt{{"Ithaca Police Department", O}}, nil},
		{"the whole name is the place", "The Dallas said nothing.",
			[]handEnt{{"Dallas", O}}, nil},
		{"place in no name", "Dallas officials said nothing.", nil, nil},
		{"demonym untagged", "Syrians fled across the border.",
			nil, []string{"demonym|Syrians||SY"}},
		{"demonym tagged misc", "Russian troops shelled the town.",
			[]handEnt{{"Russian", M}}, []string{"demonym|Russian||RU"}},
		{"demonym in a person", "Coach Tom English said the team played well.",
			[]handEnt{{"Tom English", P}}, nil},
		{"demonym in a location", "The Russian Federation closed its airspace.",
			[]handEnt{{"Russian Federation", L}}, nil},
		{"demonym in a longer name", "British Airways cancelled flights.",
			[]handEnt{{"British Airways", O}}, nil},
		{"lower-case word", "The russian text was translated.", nil, nil},
	} {
		res, ents := handTagged(t, c.text, c.in)
		res.Entities = ents
		var got []string
		for _, m := range rc.formMentions(res) {
			got = append(got, m.form+"|"+m.Text+"|"+m.within+"|"+m.cc)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q gave %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

// mergeFormPlaces interleaves the other forms' places in text order and
// renumbers the events' indexes.
func TestMergeFormPlaces(t *testing.T) {
	pl := func(text string, start int, form string) Place {
		return Place{Text: text, Start: start, End: start + len(text), Form: form}
	}
	res := Result{
		Places: []Place{pl("A", 0, FormName), pl("B", 20, FormName), pl("C", 40, FormAbbreviation)},
		Events: []Event{
			{PlaceIndex: 1, PointIndex: 0, Places: []int{1, 2}},
			{PlaceIndex: 2, PointIndex: -1, Places: []int{2}},
			{PlaceIndex: 0, PointIndex: 2, Places: []int{0}},
		},
	}
	extra := []Place{pl("w", 0, FormInName), pl("x", 10, FormDemonym), pl("y", 30, FormInName), pl("z", 50, FormDemonym)}
	mergeFormPlaces(&res, extra)
	var order []string
	for _, p := range res.Places {
		order = append(order, p.Text)
	}
	// At the same offset the named place comes first.
	if got, want := strings.Join(order, ","), "A,w,x,B,y,C,z"; got != want {
		t.Fatalf("places %s, want %s", got, want)
	}
	for k, want := range []Event{
		{PlaceIndex: 3, PointIndex: 0, Places: []int{3, 5}},
		{PlaceIndex: 5, PointIndex: -1, Places: []int{5}},
		{PlaceIndex: 0, PointIndex: 5, Places: []int{0}},
	} {
		ev := res.Events[k]
		if ev.PlaceIndex != want.PlaceIndex || ev.PointIndex != want.PointIndex || !slices.Equal(ev.Places, want.Places) {
			t.Errorf("event %d: place %d point %d places %v, want %d %d %v",
				k, ev.PlaceIndex, ev.PointIndex, ev.Places, want.PlaceIndex, want.PointIndex, want.Places)
		}
		for _, i := range ev.Places {
			if f := res.Places[i].Form; f != FormName && f != FormAbbreviation {
				t.Errorf("event %d points at a place of form %s", k, f)
			}
		}
	}

	// Nothing to add: nothing changes.
	res = Result{Places: []Place{pl("A", 0, FormName)}, Events: []Event{{PlaceIndex: 0, PointIndex: 0, Places: []int{0}}}}
	mergeFormPlaces(&res, nil)
	if len(res.Places) != 1 || res.Events[0].PlaceIndex != 0 || res.Events[0].PointIndex != 0 {
		t.Errorf("merging nothing changed %+v", res)
	}

	// Only other forms: no events to renumber.
	res = Result{}
	mergeFormPlaces(&res, []Place{pl("x", 5, FormDemonym), pl("y", 9, FormInName)})
	if len(res.Places) != 2 || res.Places[0].Text != "x" || res.Places[1].Text != "y" {
		t.Errorf("places %+v", res.Places)
	}

	// All extra places before or after the named ones.
	res = Result{
		Places: []Place{pl("A", 10, FormName), pl("B", 20, FormName)},
		Events: []Event{{PlaceIndex: 1, PointIndex: 0, Places: []int{0, 1}}},
	}
	mergeFormPlaces(&res, []Place{pl("u", 1, FormDemonym), pl("v", 2, FormDemonym)})
	if ev := res.Events[0]; ev.PlaceIndex != 3 || ev.PointIndex != 2 || !slices.Equal(ev.Places, []int{2, 3}) {
		t.Errorf("after two leading places: event %+v", ev)
	}
}

// Places named by a demonym or inside a longer name never make events,
// even in sentences where something happens.
func TestFormRolesNeverEvent(t *testing.T) {
	ex := defaultExtractor(t)
	for _, text := range []string{
		"Russian missiles struck a power plant in Kharkiv on Sunday.",
		"Syrians rallied in Idlib on Friday.",
		"A Ukrainian drone hit an oil depot near Belgorod on Tuesday.",
		"Officers from the Dallas Police Department arrested two men in Fort Worth on Friday.",
		"The Kenya Wildlife Service relocated 20 elephants in Tsavo on Monday.",
		"The Texas Department of Public Safety closed the highway near Amarillo after a crash on Thursday.",
		"A fire broke out at the Houston Chronicle building on Saturday.",
		"Canadian firefighters battled a blaze in Alberta on Wednesday.",
	} {
		res, err := ex.Extract(t.Context(), Document{ID: "t", Text: text, Published: "2022-09-14"})
		if err != nil {
			t.Fatal(err)
		}
		others := 0
		for _, p := range res.Places {
			if p.Form == FormDemonym || p.Form == FormInName {
				others++
				if p.Role != RoleMention {
					t.Errorf("%q: %s %q has role %q, want mention", text, p.Form, p.Text, p.Role)
				}
			}
		}
		if others == 0 {
			t.Errorf("%q: no demonym or in_name place; places:%s", text, describePlaces(res))
		}
		checkFormRoles(t, res)
	}
}
