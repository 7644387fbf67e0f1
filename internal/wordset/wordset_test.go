package wordset

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// A Map answers as its map does, for the words on it and for others,
// whatever their length or bytes: the filter may only say no to a word
// that is not there.
func TestMapAnswersAsItsMap(t *testing.T) {
	m := map[string]int{"may": 1, "monday": 2, "été": 3, "x": 4, "a-very-long-word-indeed": 5, "": 6}
	s := Of(m)
	for _, tc := range []struct {
		w      string
		want   int
		wantOK bool
	}{
		{"may", 1, true}, {"monday", 2, true}, {"été", 3, true}, {"x", 4, true},
		{"a-very-long-word-indeed", 5, true}, {"", 6, true},
		{"May", 0, false}, {"mays", 0, false}, {"ma", 0, false}, {"mondays", 0, false},
		{"a-very-long-word-indeeD", 0, false}, {"a-very-long-word-indeee", 0, false},
		{"ete", 0, false}, {"y", 0, false},
	} {
		if v, ok := s.GetString(tc.w); v != tc.want || ok != tc.wantOK {
			t.Errorf("GetString(%q) = %d, %v; want %d, %v", tc.w, v, ok, tc.want, tc.wantOK)
		}
		if v, ok := s.Get([]byte(tc.w)); v != tc.want || ok != tc.wantOK {
			t.Errorf("Get(%q) = %d, %v; want %d, %v", tc.w, v, ok, tc.want, tc.wantOK)
		}
		if s.Has([]byte(tc.w)) != tc.wantOK || s.HasString(tc.w) != tc.wantOK {
			t.Errorf("Has(%q) != %v", tc.w, tc.wantOK)
		}
	}
	if s.Len() != len(m) {
		t.Errorf("Len %d, want %d", s.Len(), len(m))
	}
}

// Random words, many of them sharing a filter bit with a listed word: the
// answers never differ from the map's, and the filter rejects most
// unlisted words without asking the map.
func TestMapRandomWords(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, 1+r.IntN(20))
		for i := range b {
			b[i] = "abcdefghijklmnopqrstuvwxyz-.'é"[r.IntN(30)]
		}
		return string(b)
	}
	m := map[string]bool{}
	for len(m) < 300 {
		m[word()] = true
	}
	s := Of(m)
	filtered, absent := 0, 0
	for i := 0; i < 100000; i++ {
		w := word()
		_, want := m[w]
		if got := s.HasString(w); got != want {
			t.Fatalf("HasString(%q) = %v, want %v", w, got, want)
		}
		if !want {
			absent++
			k := key(w[0], w[len(w)-1], len(w))
			if s.bits[k/64]&(1<<(k%64)) == 0 {
				filtered++
			}
		}
	}
	if filtered*10 < absent*8 {
		t.Errorf("the filter rejected %d of %d unlisted words, want 80%% at least", filtered, absent)
	}
}

func ExampleOf() {
	months := Of(map[string]bool{"january": true, "february": true, "march": true})
	var buf [16]byte
	for _, w := range []string{"march", "marched", "June"} {
		fmt.Println(w, months.Has(append(buf[:0], w...)))
	}
	// Output:
	// march true
	// marched false
	// June false
}
