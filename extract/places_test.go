package extract

import (
	"context"
	"strings"
	"testing"
)

func extractText(t *testing.T, text string) Result {
	t.Helper()
	ex := defaultExtractor(t)
	res, err := ex.Extract(context.Background(), Document{ID: "t", Text: text, Published: "2022-09-14"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func placeIndex(res Result, text string) int {
	for i, p := range res.Places {
		if p.Text == text {
			return i
		}
	}
	return -1
}

// A capital or country that stands for its government is kept as a place
// and marked as a metonym; a place in the plain sense is not.
func TestPlaceRoleMetonym(t *testing.T) {
	res := extractText(t, "Kyiv launched a counteroffensive in the east on Wednesday. Officials in Moscow said the troops had regrouped near Izium. Washington warned of new sanctions. Russia's government denied the reports.")
	for _, c := range []struct {
		text    string
		metonym bool
	}{{"Kyiv", true}, {"Moscow", false}, {"Izium", false}, {"Washington", true}, {"Russia", true}} {
		i := placeIndex(res, c.text)
		if i < 0 {
			t.Errorf("%q not found as a place: %+v", c.text, res.Places)
			continue
		}
		if !res.Places[i].Resolved() {
			t.Errorf("%q: a metonym stays a resolved place", c.text)
		}
		if got := res.Places[i].Role == RoleMetonym; got != c.metonym {
			t.Errorf("%q: role %q, want metonym %v", c.text, res.Places[i].Role, c.metonym)
		}
	}
}

// A person or club named like a place is not a place named as such: at
// most a place inside a longer name (form in_name), which never makes an
// event.
func TestPlaceNamedLikePerson(t *testing.T) {
	res := extractText(t, "Paris Hilton arrived in London on Monday. Manchester United beat Chelsea 2-0 at Old Trafford in Manchester on Saturday.")
	for _, p := range res.Places {
		if p.Form == FormInName {
			if p.Role == RoleEvent {
				t.Errorf("%q inside %q is an event place", p.Text, p.Within)
			}
			continue
		}
		if strings.HasPrefix(p.Text, "Paris") || strings.Contains(p.Text, "United") {
			t.Errorf("%q read as a place", p.Text)
		}
		if p.Start == strings.Index(res.Document.Text, "Manchester United") {
			t.Errorf("the club's %q read as a place", p.Text)
		}
	}
	if placeIndex(res, "London") < 0 {
		t.Errorf("London not found: %+v", res.Places)
	}
}

// Gold spans resolve as the pipeline's own mentions: qualifiers and hints.
func TestResolveSpans(t *testing.T) {
	ex := defaultExtractor(t)
	text := "Ukrainian forces entered Izium, Kharkiv region, on Saturday."
	spans := []Span{{25, 30}, {32, 46}}
	qs, hints := SpanQueries(ex.Gazetteer(), text, spans)
	if len(qs) != 2 || qs[0].Text != "Izium" || len(qs[0].Qualifiers) != 1 || qs[0].Qualifiers[0] != "Kharkiv region" || !qs[0].Lead {
		t.Errorf("queries %+v", qs)
	}
	if len(hints) != 1 || hints[0] != "UA" {
		t.Errorf("hints %v", hints)
	}
	places := ResolveSpans(ex.Gazetteer(), text, spans)
	if len(places) != 2 || !places[0].Resolved() || places[0].CountryCode != "UA" || places[0].Admin1 != "07" {
		t.Errorf("places %+v", places)
	}
}

func defaultExtractor(t *testing.T) *Extractor {
	t.Helper()
	ex, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func TestAreaReadingAndOneSense(t *testing.T) {
	res := extractText(t, "Ukrainian forces regained large swaths of territory in Kharkiv this month. A drone struck a school in Kharkiv on Tuesday.")
	var codes []string
	for _, p := range res.Places {
		if p.Text == "Kharkiv" {
			codes = append(codes, p.FeatureCode)
		}
	}
	if strings.Join(codes, ",") != "ADM1,PPLA" {
		t.Errorf("Kharkiv read as %v, want the oblast for the territory and the city for the school", codes)
	}
	// One sense per name: the dateline's qualified Victoria is the one met in.
	res = extractText(t, "VICTORIA, Seychelles — Ministers met in Victoria on Tuesday to discuss tuna quotas.")
	var ids []int64
	for _, p := range res.Places {
		if strings.EqualFold(p.Text, "Victoria") && p.GeoNameID != nil {
			ids = append(ids, *p.GeoNameID)
		}
	}
	if len(ids) != 2 || ids[0] != ids[1] || res.Places[0].CountryCode != "SC" {
		t.Errorf("Victoria read as %v (%+v), want the Seychelles capital twice", ids, res.Places)
	}
}
