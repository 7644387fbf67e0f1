package ner

import (
	"fmt"
	"sort"
	"strings"
)

// PRF holds the counts behind precision, recall and F1.
type PRF struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP), 0 when nothing was predicted.
func (p PRF) Precision() float64 {
	if p.TP+p.FP == 0 {
		return 0
	}
	return float64(p.TP) / float64(p.TP+p.FP)
}

// Recall is TP/(TP+FN), 0 when there is no gold span.
func (p PRF) Recall() float64 {
	if p.TP+p.FN == 0 {
		return 0
	}
	return float64(p.TP) / float64(p.TP+p.FN)
}

// F1 is the harmonic mean of precision and recall.
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

// Scores are span-level results as CoNLL's conlleval computes them: a
// predicted span counts only if its start, end and label all match a gold
// span.
type Scores struct {
	Labels map[string]PRF // per label
	Micro  PRF            // over all labels
}

// Score compares predicted spans with gold spans, sentence by sentence
// (gold[i] and pred[i] are the spans of sentence i).
func Score(gold, pred [][]Span) Scores {
	s := Scores{Labels: map[string]PRF{}}
	n := len(gold)
	if len(pred) > n {
		n = len(pred)
	}
	for i := 0; i < n; i++ {
		var g, p []Span
		if i < len(gold) {
			g = gold[i]
		}
		if i < len(pred) {
			p = pred[i]
		}
		gs := make(map[Span]int, len(g))
		for _, sp := range g {
			gs[sp]++
			c := s.Labels[sp.Label]
			c.FN++
			s.Labels[sp.Label] = c
		}
		for _, sp := range p {
			c := s.Labels[sp.Label]
			if gs[sp] > 0 {
				gs[sp]--
				c.TP++
				c.FN--
			} else {
				c.FP++
			}
			s.Labels[sp.Label] = c
		}
	}
	for _, c := range s.Labels {
		s.Micro.TP += c.TP
		s.Micro.FP += c.FP
		s.Micro.FN += c.FN
	}
	return s
}

// String prints a table of precision, recall and F1 per label and micro
// averaged, labels in alphabetical order.
func (s Scores) String() string {
	var b strings.Builder
	labels := make([]string, 0, len(s.Labels))
	for l := range s.Labels {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	fmt.Fprintf(&b, "%-14s %9s %9s %9s %6s %6s %6s\n", "label", "precision", "recall", "F1", "tp", "fp", "fn")
	row := func(name string, p PRF) {
		fmt.Fprintf(&b, "%-14s %9.4f %9.4f %9.4f %6d %6d %6d\n", name, p.Precision(), p.Recall(), p.F1(), p.TP, p.FP, p.FN)
	}
	for _, l := range labels {
		row(l, s.Labels[l])
	}
	row("micro", s.Micro)
	return b.String()
}
