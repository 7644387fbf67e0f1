package ner

import (
	"math"
	"strings"
	"testing"
)

func TestScore(t *testing.T) {
	gold := [][]Span{
		{{0, 2, Person}, {3, 4, Location}},
		{{1, 3, Organization}, {4, 6, Person}, {7, 8, Location}},
		{{0, 1, Location}},
		{{2, 3, Person}},
	}
	pred := [][]Span{
		{{0, 2, Person}, {5, 6, Location}},                   // TP PER; FP LOC; FN LOC
		{{1, 2, Organization}, {4, 6, Person}, {7, 8, Misc}}, // FP+FN ORG (boundary); TP PER; FP MISC + FN LOC (label)
		{{0, 1, Location}},                                   // TP LOC
		nil,                                                  // FN PER
	}
	s := Score(gold, pred)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	tests := []struct {
		name       string
		got        PRF
		tp, fp, fn int
		p, r, f    float64
	}{
		{Person, s.Labels[Person], 2, 0, 1, 1, 2.0 / 3, 0.8},
		{Location, s.Labels[Location], 1, 1, 2, 0.5, 1.0 / 3, 0.4},
		{Organization, s.Labels[Organization], 0, 1, 1, 0, 0, 0},
		{Misc, s.Labels[Misc], 0, 1, 0, 0, 0, 0},
		{"micro", s.Micro, 3, 3, 4, 0.5, 3.0 / 7, 6.0 / 13},
	}
	for _, tt := range tests {
		g := tt.got
		if g.TP != tt.tp || g.FP != tt.fp || g.FN != tt.fn {
			t.Errorf("%s: counts %d/%d/%d, want %d/%d/%d", tt.name, g.TP, g.FP, g.FN, tt.tp, tt.fp, tt.fn)
		}
		if !near(g.Precision(), tt.p) || !near(g.Recall(), tt.r) || !near(g.F1(), tt.f) {
			t.Errorf("%s: P/R/F %v/%v/%v, want %v/%v/%v", tt.name, g.Precision(), g.Recall(), g.F1(), tt.p, tt.r, tt.f)
		}
	}
	out := s.String()
	for _, want := range []string{"LOCATION", "micro", "0.4615"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestScoreDuplicatesAndEmpty(t *testing.T) {
	// A span predicted twice matches one gold span only once.
	s := Score([][]Span{{{0, 1, Person}}}, [][]Span{{{0, 1, Person}, {0, 1, Person}}})
	if s.Micro != (PRF{TP: 1, FP: 1}) {
		t.Errorf("duplicate: %+v", s.Micro)
	}
	s = Score(nil, nil)
	if s.Micro.F1() != 0 || s.Micro.Precision() != 0 || s.Micro.Recall() != 0 {
		t.Errorf("empty: %+v", s.Micro)
	}
}
