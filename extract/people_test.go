package extract

import (
	"context"
	"strings"
	"testing"
)

// eventPeople runs the pipeline on text and returns the people of the event
// whose place mention is placeText, and the canonical names of all PERSON
// mentions.
func eventPeople(t *testing.T, text, placeText string) (people, persons []string) {
	t.Helper()
	res, err := testExtractor(t).Extract(context.Background(), Document{ID: "t", Text: text, Published: "2024-05-02"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Entities {
		if e.Label == Person {
			persons = append(persons, e.Canonical)
		}
	}
	for _, ev := range res.Events {
		for _, p := range ev.Places {
			if strings.EqualFold(res.Places[p].Text, placeText) {
				return ev.People, persons
			}
		}
	}
	var places []string
	for _, ev := range res.Events {
		places = append(places, res.Places[ev.PlaceIndex].Text)
	}
	t.Fatalf("no event at %q; events at %q", placeText, places)
	return nil, nil
}

func TestEventPeople(t *testing.T) {
	for _, tt := range []struct {
		name, text, place string
		want, notWant     []string
	}{
		{"participant in the continuing sentence, surname linked",
			"A fire destroyed a timber warehouse in Gdansk on Tuesday night, the fire service said.\n\n" +
				"Marek Nowicki, who led the first crew into the building, was treated for smoke inhalation. " +
				"Nowicki returned to duty on Wednesday.",
			"Gdansk", []string{"Marek Nowicki"}, nil},
		{"appositive naming the victim",
			"A bus overturned on a mountain road near Cusco on Monday, police said.\n\n" +
				"The driver, Julio Mamani, was trapped in the cab for two hours before firefighters freed him.",
			"Cusco", []string{"Julio Mamani"}, nil},
		{"speakers who only comment are not participants",
			"A footbridge collapsed in Porto on Monday, injuring four workers, said Carlos Mendes, a spokesman for the city.\n\n" +
				"Ana Ribeiro, an engineer at a university in Lisbon, said the structure had been inspected last spring.",
			"Porto", nil, []string{"Carlos Mendes", "Ana Ribeiro"}},
		{"a name after 'said' that starts the reported clause is no speaker",
			"Police said Tomas Varga was arrested at his home in Szeged on Tuesday.",
			"Szeged", []string{"Tomas Varga"}, nil},
		{"a speaker who led the happening takes part",
			"Thousands of nurses marched through Dublin on Tuesday to demand higher pay.\n\n" +
				"Siobhan Kelly, who organised the march, told the crowd that wards were short of staff.",
			"Dublin", []string{"Siobhan Kelly"}, nil},
		{"a speaker telling of their own part takes part",
			"A bushfire destroyed a dozen homes near Mudgee on Sunday.\n\n" +
				"Karen Doyle, a fire brigade captain, said her crew had saved a school on the edge of town.",
			"Mudgee", []string{"Karen Doyle"}, nil},
		{"an appositive that puts the person at the event, paragraphs later",
			"Thousands of tenants marched through Lisbon on Saturday to protest rising rents.\n\n" +
				"Rents have doubled since 2015, according to a property website.\n\n" +
				"Ingrid Solberg, a Norwegian student who joined the march in Lisbon, said she shared a room with two friends.",
			"Lisbon", []string{"Ingrid Solberg"}, nil},
		{"a first name that is a place stays a person",
			"A landslide buried three houses in Pokhara on Tuesday, officials said.\n\n" +
				"Florence Mwangi, a visiting teacher, was pulled from the mud by neighbours.",
			"Pokhara", []string{"Florence Mwangi"}, nil},
		{"people of a future visit or an earlier year are not participants",
			"An earthquake damaged dozens of homes in Cianjur on Wednesday, the disaster agency said.\n\n" +
				"The town's mosque was built in the 1950s by Rahmat Hidayat, a local merchant. " +
				"Social Affairs Minister Dewi Lestari will visit the town on Friday.",
			"Cianjur", nil, []string{"Rahmat Hidayat", "Dewi Lestari"}},
		{"the story stops at the next event place",
			"A storm flooded streets in Valencia on Sunday.\n\n" +
				"On Monday, police arrested a looter, Pablo Ruiz, at a shop in Murcia.",
			"Valencia", nil, []string{"Pablo Ruiz"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, persons := eventPeople(t, tt.text, tt.place)
			for _, w := range tt.want {
				if !containsString(got, w) {
					t.Errorf("people %q, want %q among them", got, w)
				}
			}
			for _, w := range tt.notWant {
				if !containsString(persons, w) {
					t.Errorf("no PERSON %q in %q: the case tests nothing", w, persons)
				}
				if containsString(got, w) {
					t.Errorf("people %q, want no %q", got, w)
				}
			}
		})
	}
}

func TestPlaceFirstNamesStayPeople(t *testing.T) {
	for _, tt := range []struct {
		text, name string
	}{
		{"Rescuers reached the village on Sunday, among them Victoria Akello, a nurse who swam across the river.", "Victoria Akello"},
		{"Among the passengers was Jordan Pike, a student from Leeds, who said the boat tipped over.", "Jordan Pike"},
		{"Georgia Whitmore, a farmer, sheltered in a barn as the storm passed.", "Georgia Whitmore"},
		{"KYIV — Taras Hnatyuk, a student from Lviv, won the city chess final on Sunday.", "Taras Hnatyuk"},
	} {
		res, err := testExtractor(t).Extract(context.Background(), Document{ID: "t", Text: tt.text, Published: "2024-05-02"})
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, e := range res.Entities {
			found = found || e.Label == Person && e.Text == tt.name
			if e.Label == Location && strings.Contains(tt.name, e.Text) {
				t.Errorf("%q: %q is a place", tt.text, e.Text)
			}
		}
		if !found {
			t.Errorf("%q: no PERSON %q in %+v", tt.text, tt.name, res.Entities)
		}
	}
}

func TestMonthIsNoFirstName(t *testing.T) {
	for _, text := range []string{
		"The market in Lodz reopened on Jan. Kowalczyk, a trader, said business was slow.",
		"Prices rose in Feb. Whitmore, who runs the bakery, said the rent had doubled.",
	} {
		res, err := testExtractor(t).Extract(context.Background(), Document{ID: "t", Text: text, Published: "2024-05-02"})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Entities {
			if e.Label == Person && (strings.HasPrefix(e.Text, "Jan") || strings.HasPrefix(e.Text, "Feb")) {
				t.Errorf("%q: PERSON %q starts with a month", text, e.Text)
			}
		}
	}
}

func TestNameWordShapes(t *testing.T) {
	for _, w := range []string{"Victoria", "Hope", "Marie-Claire", "Chad"} {
		if !firstNameLike(w) {
			t.Errorf("%q should be first-name-like", w)
		}
	}
	for _, w := range []string{"Feb.", "Jan", "Sept", "Lake", "Mount", "KYIV", "President", "the"} {
		if firstNameLike(w) {
			t.Errorf("%q should not be first-name-like", w)
		}
	}
	for v, want := range map[string]int{"1994": 1994, "196": 1969, "19": 1999, "2024-05-02": 2024, "PRESENT_REF": 0, "P3D": 0} {
		if got := lastYearOf(v); got != want {
			t.Errorf("lastYearOf(%q) = %d, want %d", v, got, want)
		}
	}
}
