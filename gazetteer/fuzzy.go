package gazetteer

import (
	"sort"
	"unicode"

	"github.com/blevesearch/vellum"
)

// Match is an entry found by LookupFuzzy.
type Match struct {
	Entry
	// Key is the normalized name of the entry that matched.
	Key string
	// Distance is the number of edits (insertions, deletions,
	// substitutions, transpositions of neighbours) between the normalized
	// query and Key; 0 is an exact match.
	Distance int
}

// Fuzzy lookups allow one edit in names of fuzzyMinLetters letters or more
// and two in names of fuzzyTwoLetters or more; shorter names are matched
// exactly, since one edit turns most short names into other names.
const (
	fuzzyMinLetters = 5
	fuzzyTwoLetters = 9
	fuzzyMaxKeys    = 64 // matched keys examined at most
)

// FuzzyDistance is the number of edits LookupFuzzy allows for name: 0 for
// names of fewer than 5 letters, 1 from 5, 2 from 9.
func FuzzyDistance(name string) int {
	n := 0
	for _, r := range Normalize(name) {
		if unicode.IsLetter(r) {
			n++
		}
	}
	switch {
	case n >= fuzzyTwoLetters:
		return 2
	case n >= fuzzyMinLetters:
		return 1
	}
	return 0
}

// LookupFuzzy returns the entries one of whose names is within
// FuzzyDistance(name) edits of name, after normalization, walking a
// Levenshtein automaton over the name index: "Khakiv" finds Kharkiv. The
// first letter must be right (its first byte, after normalization).
// Matches come nearest first, then most prominent first (as Lookup); at
// most limit of them (all if limit ≤ 0). Exact matches have Distance 0.
// Variant keys are not searched.
func (ix *Index) LookupFuzzy(name string, limit int) []Match {
	key := Normalize(name)
	if key == "" {
		return nil
	}
	d := FuzzyDistance(key)
	if d == 0 {
		var out []Match
		for _, e := range ix.appendKey(nil, key) {
			out = append(out, Match{Entry: e, Key: key})
		}
		return trimMatches(out, limit)
	}
	type hit struct {
		key  string
		val  uint64
		dist int
	}
	var hits []hit
	// The first byte must match: typos there are rare, and the automaton
	// then walks one branch of the index instead of all of them.
	it, err := ix.fst.Search(newEditAutomaton(key, d), nil, nil)
	for err == nil && len(hits) < fuzzyMaxKeys {
		k, v := it.Current()
		hits = append(hits, hit{string(k), v, int(it.EditDistance())})
		err = it.Next()
	}
	if err != nil && err != vellum.ErrIteratorDone {
		return nil
	}
	var out []Match
	var buf []Entry
	for _, h := range hits {
		buf = ix.appendValue(buf[:0], h.val)
		for _, e := range buf {
			out = append(out, Match{Entry: e, Key: h.key, Distance: levenshteinDistance(key, h.key)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.Distance != b.Distance {
			return a.Distance < b.Distance
		}
		if fa, fb := featureRank(a.FeatureCode), featureRank(b.FeatureCode); fa != fb {
			return fa > fb
		}
		if a.Population != b.Population {
			return a.Population > b.Population
		}
		return a.ID < b.ID
	})
	// An entry reached through two of its names counts once, nearest.
	seen := make(map[int64]bool, len(out))
	kept := out[:0]
	for _, m := range out {
		if !seen[m.ID] {
			seen[m.ID] = true
			kept = append(kept, m)
		}
	}
	return trimMatches(kept, limit)
}

func trimMatches(m []Match, limit int) []Match {
	if limit > 0 && len(m) > limit {
		return m[:limit]
	}
	return m
}

// levenshteinDistance is the optimal string alignment distance between two
// strings, by runes: the distance the automaton measures (edits and
// transpositions of neighbours).
func levenshteinDistance(a, b string) int {
	if a == b {
		return 0
	}
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// editAutomaton is a Levenshtein automaton (optimal string alignment:
// insertions, deletions, substitutions and transpositions of neighbours,
// by bytes) over the FST, built lazily as the search walks: a state is one
// row of the edit-distance table, with its parent row and the byte that
// led to it for transpositions. Building a whole DFA up front (vellum's
// levenshtein package) costs far more than the walk for one query. The
// first byte of a key must be that of the query.
type editAutomaton struct {
	q      []byte
	d      uint8
	rows   []uint8 // state i's row at rows[i*(n+1):]
	parent []int32
	via    []byte
}

func newEditAutomaton(q string, d int) *editAutomaton {
	n := len(q)
	a := &editAutomaton{q: []byte(q), d: uint8(d)}
	a.rows = make([]uint8, n+1, (n+1)*64)
	for j := range a.rows {
		a.rows[j] = uint8(min(j, 255))
	}
	a.parent = append(make([]int32, 0, 64), -1)
	a.via = append(make([]byte, 0, 64), 0)
	return a
}

const editDead = -1

func (a *editAutomaton) row(s int) []uint8 {
	n := len(a.q) + 1
	return a.rows[s*n : s*n+n]
}

func (a *editAutomaton) Start() int { return 0 }

func (a *editAutomaton) IsMatch(s int) bool {
	return s > 0 && a.row(s)[len(a.q)] <= a.d
}

func (a *editAutomaton) CanMatch(s int) bool {
	if s < 0 {
		return false
	}
	for _, v := range a.row(s) {
		if v <= a.d {
			return true
		}
	}
	return false
}

func (a *editAutomaton) WillAlwaysMatch(int) bool { return false }

func (a *editAutomaton) Accept(s int, c byte) int {
	if s < 0 || s == 0 && c != a.q[0] {
		return editDead
	}
	n := len(a.q)
	prev := a.row(s)
	var pp []uint8
	var pc byte
	if p := a.parent[s]; p >= 0 {
		pp, pc = a.row(int(p)), a.via[s]
	}
	start := len(a.rows)
	a.rows = append(a.rows, make([]uint8, n+1)...)
	prev = a.row(s) // the append may have moved the rows
	if pp != nil {
		pp = a.row(int(a.parent[s]))
	}
	cur := a.rows[start : start+n+1]
	cur[0] = min(prev[0]+1, a.d+1)
	for j := 1; j <= n; j++ {
		cost := uint8(1)
		if a.q[j-1] == c {
			cost = 0
		}
		v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		if pp != nil && j > 1 && a.q[j-1] == pc && a.q[j-2] == c {
			v = min(v, pp[j-2]+1)
		}
		cur[j] = min(v, a.d+1)
	}
	a.parent = append(a.parent, int32(s))
	a.via = append(a.via, c)
	return len(a.parent) - 1
}

func (a *editAutomaton) EditDistance(s int) uint8 {
	if s < 0 {
		return a.d + 1
	}
	return a.row(s)[len(a.q)]
}

func (a *editAutomaton) MatchAndDistance(input string) (bool, uint8) {
	s := a.Start()
	for i := 0; i < len(input) && s >= 0; i++ {
		s = a.Accept(s, input[i])
	}
	if s < 0 {
		return false, a.d + 1
	}
	return a.IsMatch(s), a.EditDistance(s)
}
