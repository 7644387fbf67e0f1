package extract

import (
	"testing"
	"time"
)

func TestAssembleEvents(t *testing.T) {
	id := func(v int64) *int64 { return &v }
	res := &Result{
		Published: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC),
		Sentences: []Sentence{{Kind: KindBody}, {Kind: KindBody}, {Kind: KindHeadline}},
		Entities: []Entity{
			{Text: "Anna Smith", Label: Person, Canonical: "Anna Smith", Sentence: 0},
		},
		Places: []Place{
			// "Lyon, Auvergne-Rhone-Alpes, France": only Lyon is an event place.
			{Text: "Lyon", GeoNameID: id(1), FeatureCode: "PPLA", CountryCode: "FR", Admin1: "84", Score: 0.9, Sentence: 0},
			{Text: "Auvergne", GeoNameID: id(2), FeatureCode: "ADM1", CountryCode: "FR", Admin1: "84", Score: 0.8, Sentence: 0},
			{Text: "France", GeoNameID: id(3), FeatureCode: "PCLI", CountryCode: "FR", Score: 0.9, Sentence: 0},
			{Text: "Atlantis", Sentence: 0}, // unresolved: no event
			{Text: "Texas", GeoNameID: id(4), FeatureCode: "ADM1", CountryCode: "US", Admin1: "TX", Score: 0.8, Sentence: 1},
			{Text: "Paris", GeoNameID: id(5), FeatureCode: "PPLC", CountryCode: "FR", Score: 0.9, Sentence: 2}, // headline: no event
		},
		Dates: []Date{
			{Text: "Monday", Type: "DATE", Value: "2024-05-06", Sentence: 0},
			{Text: "last week", Type: "DATE", Value: "2024-W18", Sentence: 0},
		},
	}
	ev := assembleEvents(res)
	if len(ev) != 2 {
		t.Fatalf("got %d events %+v, want 2", len(ev), ev)
	}
	if ev[0].PlaceIndex != 0 || ev[0].Date != "2024-05-06" || ev[0].DateIndex != 0 || len(ev[0].People) != 1 || ev[0].People[0] != "Anna Smith" {
		t.Errorf("event 0 = %+v, want Lyon on 2024-05-06 with Anna Smith", ev[0])
	}
	if ev[0].Confidence != 0.9 {
		t.Errorf("stated date: confidence %v, want the place score 0.9", ev[0].Confidence)
	}
	// Texas has no place inside it in its sentence, so it is the event
	// place; its sentence has no date, so it inherits the publication date.
	if ev[1].PlaceIndex != 4 || ev[1].Date != "2024-05-06" || ev[1].DateIndex != -1 || ev[1].Confidence >= 0.8 {
		t.Errorf("event 1 = %+v, want Texas on the publication date with lowered confidence", ev[1])
	}
}
