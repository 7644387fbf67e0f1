package gazetteer

import (
	"encoding/binary"
	"sort"
	"sync"
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
	var hitBuf [fuzzyMaxKeys]hit
	hits := hitBuf[:0]
	// The first byte must match: typos there are rare, and the automaton
	// then walks one branch of the index instead of all of them.
	a := newEditAutomaton(key, d)
	defer a.release()
	it, err := ix.fst.Search(a, nil, nil)
	for err == nil && len(hits) < fuzzyMaxKeys {
		k, _ := it.Current()
		if v, ok := ix.names.get(bytesString(k)); ok {
			hits = append(hits, hit{string(k), v, 0})
		}
		err = it.Next()
	}
	if err != nil && err != vellum.ErrIteratorDone {
		return nil
	}
	// Rank the candidates on their records alone, and decode only those
	// kept: a common name has hundreds of places.
	type cand struct {
		dist, rank int
		pop, id    uint32
		rec        uint32
		hit        int32
	}
	var cands []cand
	nrec := uint64(ix.meta[metaRecords])
	for hi := range hits {
		h := &hits[hi]
		h.dist = levenshteinDistance(key, h.key)
		ix.forValue(h.val, func(rec uint64) {
			if rec >= nrec {
				return
			}
			r := ix.records[rec*recordSize : rec*recordSize+recordSize]
			rank := 0
			if fc := int(binary.LittleEndian.Uint16(r[recFCode:])); fc < len(ix.fcranks) {
				rank = int(ix.fcranks[fc])
			}
			cands = append(cands, cand{h.dist, rank, binary.LittleEndian.Uint32(r[recPop:]),
				binary.LittleEndian.Uint32(r[recID:]), uint32(rec), int32(hi)})
		})
	}
	// Stable: equal candidates (an entry reached through two names at the
	// same distance) keep the order of the keys.
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := &cands[i], &cands[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.rank != b.rank {
			return a.rank > b.rank
		}
		if a.pop != b.pop {
			return a.pop > b.pop
		}
		return a.id < b.id
	})
	// An entry reached through two of its names counts once, nearest.
	var out []Match
	seen := make(map[uint32]bool, len(cands))
	for _, c := range cands {
		if seen[c.id] {
			continue
		}
		seen[c.id] = true
		out = append(out, Match{Entry: ix.entry(c.rec), Key: hits[c.hit].key, Distance: c.dist})
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

// forValue calls f with each record index of an FST value, in order.
func (ix *Index) forValue(v uint64, f func(rec uint64)) {
	if v&1 == 0 {
		f(v >> 1)
		return
	}
	off := v >> 1
	if off >= uint64(len(ix.postings)) {
		return
	}
	p := ix.postings[off:]
	n, k := binary.Uvarint(p)
	if k <= 0 || n > uint64(len(p)) {
		return
	}
	p = p[k:]
	for i := uint64(0); i < n; i++ {
		rec, k := binary.Uvarint(p)
		if k <= 0 {
			break
		}
		p = p[k:]
		f(rec)
	}
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
	depth  []uint16 // state i's key length
	cur    []uint8  // scratch row
	dead   []uint8  // a row of d+1
}

var editAutomata = sync.Pool{New: func() any { return new(editAutomaton) }}

func newEditAutomaton(q string, d int) *editAutomaton {
	n := len(q)
	a := editAutomata.Get().(*editAutomaton)
	a.q = append(a.q[:0], q...)
	a.d = uint8(d)
	a.rows = a.rows[:0]
	for j := 0; j <= n; j++ {
		a.rows = append(a.rows, uint8(min(j, 255)))
	}
	a.parent = append(a.parent[:0], -1)
	a.via = append(a.via[:0], 0)
	a.depth = append(a.depth[:0], 0)
	if cap(a.cur) < n+1 {
		a.cur = make([]uint8, n+1)
	}
	a.cur = a.cur[:n+1]
	a.dead = a.dead[:0]
	for j := 0; j <= n; j++ {
		a.dead = append(a.dead, uint8(d+1))
	}
	return a
}

// release returns a to the pool; a must not be used afterwards.
func (a *editAutomaton) release() {
	if cap(a.rows) <= 1<<20 {
		editAutomata.Put(a)
	}
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

// CanMatch: a state is only made (by Accept) when some cell of its row is
// within the distance.
func (a *editAutomaton) CanMatch(s int) bool { return s >= 0 }

func (a *editAutomaton) WillAlwaysMatch(int) bool { return false }

// Accept computes the next row in scratch space and keeps it as a new
// state only if it can still match: most transitions of the index lead
// nowhere, and cost no memory.
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
	cur := a.cur
	d1 := a.d + 1
	// A cell more than d away from the diagonal is above d whatever the
	// bytes: only the band is computed.
	i := int(a.depth[s]) + 1
	lo, hi := max(1, i-int(a.d)), min(n, i+int(a.d))
	copy(cur, a.dead)
	cur[0] = min(prev[0]+1, d1)
	best := cur[0]
	if lo > 1 {
		best = d1
	}
	for j := lo; j <= hi; j++ {
		cost := uint8(1)
		if a.q[j-1] == c {
			cost = 0
		}
		v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		if pp != nil && j > 1 && a.q[j-1] == pc && a.q[j-2] == c {
			v = min(v, pp[j-2]+1)
		}
		v = min(v, d1)
		cur[j] = v
		best = min(best, v)
	}
	if best > a.d {
		return editDead
	}
	a.rows = append(a.rows, cur...)
	a.parent = append(a.parent, int32(s))
	a.via = append(a.via, c)
	a.depth = append(a.depth, uint16(min(i, 1<<16-1)))
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
