package eventeval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func ptr(v float64) *float64 { return &v }

// A small corpus written for this test: a fire in Lyon on a Tuesday, a
// flood in Grenoble in March, volunteers from Dijon.
const corpusFixture = `{"id": "t-1", "published": "2024-03-14", "text": "LYON, France — A fire gutted a bakery in Lyon on Tuesday, Mayor Anne Roux said. Volunteers from Dijon helped. Grenoble flooded earlier this month.", "toponyms": [{"start": 0, "end": 4, "text": "LYON", "lat": 45.75, "lon": 4.85}, {"start": 94, "end": 99, "text": "Dijon", "lat": 47.32, "lon": 5.04}, {"start": 111, "end": 119, "text": "Grenoble", "lat": 45.17, "lon": 5.72}], "events": [{"place_text": "LYON", "lat": 45.75, "lon": 4.85, "date": "2024-03-12", "people": ["Anne Roux"], "what": "disaster"}, {"place_text": "Grenoble", "lat": 45.17, "lon": 5.72, "date": "2024-03", "people": [], "what": "disaster"}]}
`

const nonEventsFixture = `{"id": "t-1", "items": [{"start": 94, "end": 99, "text": "Dijon", "type": "toponym", "reason": "origin"}]}
`

func TestScore(t *testing.T) {
	dir := t.TempDir()
	cp, np := filepath.Join(dir, "c.jsonl"), filepath.Join(dir, "n.jsonl")
	if err := os.WriteFile(cp, []byte(corpusFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(np, []byte(nonEventsFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := LoadCorpus(cp)
	if err != nil {
		t.Fatal(err)
	}
	non, err := LoadNonEvents(np)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                    string
		pred                    Prediction
		matched, predicted      int
		peopleFound, peopleGold int
		falseCause, missedCause string
	}{
		{
			name: "both found, a day inside the month",
			pred: Prediction{Events: []Predicted{
				{Lat: ptr(45.76), Lon: ptr(4.84), DateStart: "2024-03-12", DateEnd: "2024-03-12", People: []string{"anne  roux"}},
				{Lat: ptr(45.19), Lon: ptr(5.73), DateStart: "2024-03-05", DateEnd: "2024-03-05"},
			}},
			matched: 2, predicted: 2, peopleFound: 1, peopleGold: 1,
		},
		{
			name: "a week is not inside a day; origin is a false event",
			pred: Prediction{Events: []Predicted{
				{Lat: ptr(45.76), Lon: ptr(4.84), DateStart: "2024-03-11", DateEnd: "2024-03-17"},
				{Lat: ptr(47.32), Lon: ptr(5.04), DateStart: "2024-03-12", DateEnd: "2024-03-12", Start: 94, End: 99},
			}},
			matched: 0, predicted: 2, peopleGold: 0,
			falseCause: "origin", missedCause: "wrong date",
		},
		{
			name: "too far: 60 km from the gold place",
			pred: Prediction{
				Events: []Predicted{{Lat: ptr(45.75), Lon: ptr(5.62), DateStart: "2024-03-12", DateEnd: "2024-03-12", Start: 200, End: 204}},
				Places: []Mention{{Start: 111, End: 119, Lat: ptr(45.17), Lon: ptr(5.72), Role: "mention"}},
			},
			matched: 0, predicted: 1,
			falseCause: "not a gold toponym", missedCause: "role mention",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(docs, non, map[string]Prediction{"t-1": tt.pred})
			if s.Gold != 2 || s.Matched != tt.matched || s.Predicted != tt.predicted {
				t.Fatalf("gold %d matched %d predicted %d, want 2 %d %d", s.Gold, s.Matched, s.Predicted, tt.matched, tt.predicted)
			}
			if s.PeopleFound != tt.peopleFound || s.PeopleGold != tt.peopleGold {
				t.Errorf("people %d of %d, want %d of %d", s.PeopleFound, s.PeopleGold, tt.peopleFound, tt.peopleGold)
			}
			if tt.falseCause != "" && s.False[tt.falseCause] == 0 {
				t.Errorf("false causes %v, want %q", s.False, tt.falseCause)
			}
			if tt.missedCause != "" && s.Missed[tt.missedCause] == 0 {
				t.Errorf("missed causes %v, want %q", s.Missed, tt.missedCause)
			}
			var b strings.Builder
			if err := s.Write(&b); err != nil || !strings.Contains(b.String(), "F1") {
				t.Errorf("report %q, %v", b.String(), err)
			}
		})
	}
	if s := Score(docs, non, map[string]Prediction{"t-1": tests[0].pred}); s.F1() != 1 || s.PeopleRecall() != 1 {
		t.Errorf("perfect prediction: F1 %v, people recall %v", s.F1(), s.PeopleRecall())
	}
}

func TestLoadCorpusErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(p, []byte(corpusFixture+`{"id": "t-2", "events": [{"date": "soon"}]}`+"\n"), 0o644)
	if _, err := LoadCorpus(p); err == nil || !strings.Contains(err.Error(), "bad.jsonl:2:") {
		t.Errorf("err = %v, want one naming bad.jsonl:2", err)
	}
}

func TestScorePairsNearest(t *testing.T) {
	// A town and the volcano 20 km above it, both events on the same day,
	// each with its person. Augmenting paths alone pair them crosswise.
	docs := []Doc{{ID: "v", Events: []Event{
		{PlaceText: "Town", Lat: 14.40, Lon: -90.60, Date: "2024-05-28", People: []string{"Ana Ruiz"}},
		{PlaceText: "Volcano", Lat: 14.38, Lon: -90.42, Date: "2024-05-28", People: []string{"Luis Mora"}},
	}}}
	pred := Prediction{Events: []Predicted{
		{Lat: ptr(14.40), Lon: ptr(-90.60), DateStart: "2024-05-28", DateEnd: "2024-05-28", People: []string{"Ana Ruiz"}},
		{Lat: ptr(14.38), Lon: ptr(-90.42), DateStart: "2024-05-28", DateEnd: "2024-05-28", People: []string{"Luis Mora"}},
	}}
	s := Score(docs, nil, map[string]Prediction{"v": pred})
	if s.Matched != 2 || s.PeopleFound != 2 {
		t.Errorf("matched %d, people %d of %d; want both events, each with its own person", s.Matched, s.PeopleFound, s.PeopleGold)
	}
}
