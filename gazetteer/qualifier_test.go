package gazetteer

import (
	"math/rand/v2"
	"testing"
)

// qualifierAgreementRef is qualifierAgreement as first written: every
// candidate of the qualifier compared with e.
func qualifierAgreementRef(e *Entry, qc []Entry) int {
	rank := map[int]int{fQualPlace: 1, fQualCountry: 2, fQualADM1: 3}
	best, names := -1, false
	better := func(k int) {
		if rank[k] > rank[best] {
			best = k
		}
	}
	for k := range qc {
		q := &qc[k]
		switch {
		case q.IsCountry():
			names = true
			if q.CountryCode == e.CountryCode && !e.IsCountry() {
				better(fQualCountry)
			}
		case q.IsAdmin1():
			names = true
			if q.CountryCode == e.CountryCode && q.Admin1 == e.Admin1 && !e.IsAdmin1() {
				better(fQualADM1)
			} else if q.CountryCode == e.CountryCode && e.IsAdmin1() {
				better(fQualPlace)
			}
		case q.ID != e.ID && q.CountryCode == e.CountryCode:
			better(fQualPlace)
		}
	}
	if best < 0 && names {
		return fQualMismatch
	}
	return best
}

// The summary of a qualifier agrees with comparing its candidates one by
// one, on entries that share countries, divisions and ids as real
// qualifiers' candidates do.
func TestQualifierSummaryMatchesPairwise(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	entry := func() Entry {
		e := Entry{ID: int64(1 + r.IntN(6)), CountryCode: []string{"", "US", "FR", "UA"}[r.IntN(4)], Admin1: []string{"", "01", "02"}[r.IntN(3)]}
		e.FeatureCode = []string{"PCLI", "ADM1", "PPL", "PPLA", "ADM2"}[r.IntN(5)]
		return e
	}
	for trial := range 20000 {
		e := entry()
		qc := make([]Entry, r.IntN(5))
		for i := range qc {
			qc[i] = entry()
		}
		want := qualifierAgreementRef(&e, qc)
		got := -1
		if q := summarizeQualifier(qc); q != nil {
			got = qualifierAgreement(&e, q)
		}
		if got != want {
			t.Fatalf("trial %d: %+v against %+v: %d, want %d", trial, e, qc, got, want)
		}
	}
}
