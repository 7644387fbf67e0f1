package gazetteer

import (
	"cmp"
	"encoding/binary"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
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
// Levenshtein automaton over the name trie: "Khakiv" finds Kharkiv. The
// first letter must be right (its first byte, after normalization).
// Matches come nearest first, then most prominent first (as Lookup); at
// most limit of them (all if limit ≤ 0). Exact matches have Distance 0.
// Variant keys are not searched, and names of more than 63 bytes after
// normalization are matched exactly.
func (ix *Index) LookupFuzzy(name string, limit int) []Match {
	key := Normalize(name)
	if key == "" {
		return nil
	}
	d := FuzzyDistance(key)
	if d == 0 || len(key) > maxFuzzyBytes {
		var out []Match
		for _, e := range ix.appendKey(nil, key) {
			out = append(out, Match{Entry: e, Key: key})
		}
		return trimMatches(out, limit)
	}
	sc := fuzzyScratches.Get().(*fuzzyScratch)
	defer fuzzyScratches.Put(sc)
	keys, _ := ix.fuzzyKeysInto(sc, key, d, fuzzySplit(len(key), d))
	// From here on a lookup is a chain of reads for each name found: its
	// slot in the names table, its postings, its records, then the
	// strings of the entries kept, each a cache miss on a world-size
	// index (measured: 9 of the 11 µs after the walks, the same lookups
	// taking 2 µs with the index cached). Name by name, every miss waited
	// on the one before; here each step reads for all the names at once,
	// after touching what it is about to read, so that the misses of a
	// step overlap and a lookup waits about once a step.
	hashes := sc.hashes[:0]
	var x byte
	for _, k := range keys {
		h := keyHash(ix.names.seed, k.key)
		hashes = append(hashes, h)
		x += ix.names.touch(h)
	}
	sc.hashes = hashes
	hits := sc.hits[:0]
	ascii := isASCII(key)
	for i, k := range keys {
		if v, ok := ix.names.getHash(hashes[i]); ok {
			dist := k.dist // in bytes: the same in runes when both are ASCII
			if !ascii || !isASCII(k.key) {
				dist = levenshteinDistance(key, k.key)
			}
			hits = append(hits, fuzzyHit{k.key, v, dist})
			if v&1 == 1 && v>>1 < uint64(len(ix.postings)) {
				x += ix.postings[v>>1]
			}
		}
	}
	sc.hits = hits
	// Rank the candidates on their records alone, and decode only those
	// kept: a common name has hundreds of places. A name's records come
	// best first, in the order below within one distance, so only its
	// first limit can be among the first limit distinct entries: every
	// record before one of those is a better entry, kept before it.
	// (On a world-size index that spares reading hundreds of records a
	// lookup, each a cache miss.)
	recs, recEnd := sc.recs[:0], sc.recEnd[:0]
	for hi := range hits {
		recs = ix.appendRecsMax(recs, hits[hi].val, limit)
		recEnd = append(recEnd, int32(len(recs)))
	}
	sc.recs, sc.recEnd = recs, recEnd
	for _, rec := range recs {
		x += ix.records[uint64(rec)*recordSize]
	}
	// The order, nearest, then of higher feature rank, more populous,
	// lower id, and for equal ones (an entry reached through two names at
	// the same distance) the order of the keys, is packed in two words.
	cands := sc.cands[:0]
	from := int32(0)
	for hi := range hits {
		h := &hits[hi]
		for _, rec := range recs[from:recEnd[hi]] {
			r := ix.records[uint64(rec)*recordSize : uint64(rec)*recordSize+recordSize]
			rank := 0
			if fc := int(binary.LittleEndian.Uint16(r[recFCode:])); fc < len(ix.fcranks) {
				rank = int(ix.fcranks[fc])
			}
			pop, id := binary.LittleEndian.Uint32(r[recPop:]), binary.LittleEndian.Uint32(r[recID:])
			cands = append(cands, fuzzyCand{
				hi:  uint64(h.dist)<<40 | uint64(127-rank)<<32 | uint64(^pop),
				lo:  uint64(id)<<32 | uint64(len(cands)),
				rec: rec, hit: int32(hi),
			})
		}
		from = recEnd[hi]
	}
	sc.cands = cands
	slices.SortFunc(cands, func(a, b fuzzyCand) int {
		if a.hi != b.hi {
			return cmp.Compare(a.hi, b.hi)
		}
		return cmp.Compare(a.lo, b.lo)
	})
	// An entry reached through two of its names counts once, nearest.
	kept := sc.kept[:0]
	var seen map[uint32]bool
	if len(cands) > 64 {
		seen = make(map[uint32]bool, len(cands))
	}
	for _, c := range cands {
		id := uint32(c.lo >> 32)
		if seen != nil {
			if seen[id] {
				continue
			}
			seen[id] = true
		} else if slices.ContainsFunc(kept, func(k fuzzyCand) bool { return uint32(k.lo>>32) == id }) {
			continue
		}
		kept = append(kept, c)
		if limit > 0 && len(kept) == limit {
			break
		}
	}
	sc.kept = kept
	// The entries' strings and their divisions' records, then the
	// divisions' names (see Index.entry), from records read just before.
	for _, c := range kept {
		r := ix.records[uint64(c.rec)*recordSize:]
		x += ix.touchString(binary.LittleEndian.Uint32(r[recName:]))
		x += ix.touchString(binary.LittleEndian.Uint32(r[recAdmin1:]))
		if a := binary.LittleEndian.Uint32(r[recAdmin1Rec:]); a < ix.meta[metaRecords] {
			x += ix.records[uint64(a)*recordSize]
		}
	}
	for _, c := range kept {
		if a := binary.LittleEndian.Uint32(ix.records[uint64(c.rec)*recordSize+recAdmin1Rec:]); a < ix.meta[metaRecords] {
			x += ix.touchString(binary.LittleEndian.Uint32(ix.records[uint64(a)*recordSize+recName:]))
		}
	}
	// Kept alive so that the compiler keeps the loads (see Index.touch).
	runtime.KeepAlive(x)
	if len(kept) == 0 {
		return nil
	}
	out := make([]Match, 0, len(kept))
	for _, c := range kept {
		out = append(out, Match{Entry: ix.entry(c.rec), Key: hits[c.hit].key, Distance: hits[c.hit].dist})
	}
	return out
}

// touchString reads the first byte of the string at off, if there is one
// (see Index.entry): a load for the processor to start early.
func (ix *Index) touchString(off uint32) byte {
	if int(off) < len(ix.strs) {
		return ix.strs[off]
	}
	return 0
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
	if isASCII(a) && isASCII(b) && len(b) < 64 {
		return osaDistance([]byte(a), []byte(b))
	}
	return osaDistance([]rune(a), []rune(b))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// osaDistance is the optimal string alignment distance between two
// sequences; rows of up to 64 cells live on the stack.
func osaDistance[E byte | rune](ra, rb []E) int {
	n, m := len(ra), len(rb)
	var buf [3][64]int
	var prev2, prev, cur []int
	if m < 64 {
		prev2, prev, cur = buf[0][:m+1], buf[1][:m+1], buf[2][:m+1]
	} else {
		prev2, prev, cur = make([]int, m+1), make([]int, m+1), make([]int, m+1)
	}
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

// fuzzyScratch is the memory of one fuzzy lookup, pooled: the walk, the
// names it finds (their bytes in arena), and what LookupFuzzy makes of
// them.
type fuzzyScratch struct {
	w      fuzzyWalk
	arena  []byte
	spans  []fuzzySpan
	turned bool // the walk is over the rtrie: turn what it finds round
	keys   []fuzzyKey
	hashes []uint64 // per key: its hash in the names table
	hits   []fuzzyHit
	recs   []uint32 // the records of the hits, hit i's ending at recEnd[i]
	recEnd []int32
	cands  []fuzzyCand
	kept   []fuzzyCand
}

// fuzzySpan is a name found, arena[from:to], and its distance.
type fuzzySpan struct{ from, to, dist int }

// fuzzyHit is a name found and its value in the names table.
type fuzzyHit struct {
	key  string
	val  uint64
	dist int
}

// fuzzyCand is a record of a name found: hi and lo its sort key, rec the
// record, hit the name's index in the hits.
type fuzzyCand struct {
	hi, lo uint64
	rec    uint32
	hit    int32
}

var fuzzyScratches = sync.Pool{New: func() any {
	sc := new(fuzzyScratch)
	sc.w.emit = sc.add // once: a method value allocates
	return sc
}}

// add is the walks' emit: it keeps every name found.
func (sc *fuzzyScratch) add(k []byte, dist int) bool {
	from := len(sc.arena)
	sc.arena = append(sc.arena, k...)
	if sc.turned {
		turnAround(sc.arena[from:])
	}
	sc.spans = append(sc.spans, fuzzySpan{from, len(sc.arena), dist})
	return true
}

// fuzzyKey is a name fuzzyKeys found and its distance from the query,
// in edits of bytes.
type fuzzyKey struct {
	key  string
	dist int
}

// fuzzySplit is where fuzzyKeys cuts a key of n bytes for d edits:
// after n/2 bytes at one edit, after 55% of them at two, where the
// forward walk, which can spend an edit near the root, costs more than
// the backward one, exact there. (BenchmarkFuzzySplit, names of the index
// with random typos, nodes entered: at two edits, a cut at 55% enters
// 23-30% fewer than one at (n-1)/2 on the embedded index and on a
// world-size one, and fewer than cuts at 60-75%; at one edit, n/2 enters
// as few as any, 19% fewer than (n-1)/2 on the embedded index and as
// many on the world-size one.)
func fuzzySplit(n, d int) int {
	split := n / 2
	if d == 2 {
		split = (n*55 + 50) / 100
	}
	return max(0, min(split, n-2))
}

// fuzzyKeys returns the first fuzzyMaxKeys names, in ascending order,
// within d edits of key and with its first byte, with their distances.
//
// One walk over the trie would spend most of its time near the root,
// where, with an edit or two to spend, nearly every branch stays open.
// Instead, cut key in two parts, its first split bytes and its last
// n-split-1 (an edit at the cut counts toward at most one of them, as
// the walks count it): a match has either at most d-1 edits in the first
// part, or none in the second, since it has at most d in all. A walk over
// the names finds the first kind, with its first bytes all but fixed; a
// walk over the names turned round after their first byte (the rtrie),
// from the first byte and then the end of key, the second, exact for the
// rest of the way.
//
// A walk measures the distance of a name as its cheapest alignment that
// keeps to the walk's rule, which may cost more than its cheapest one;
// but a cheapest alignment keeps to one of the two rules, so the lesser
// of the two measures is the distance. (The backward rule also keeps the
// first bytes, equal, aligned: some cheapest alignment does, since the
// distance of two strings that begin alike is that of their rests.)
func (ix *Index) fuzzyKeys(key string, d int) []fuzzyKey {
	keys, _ := ix.fuzzyKeysSplit(key, d, fuzzySplit(len(key), d))
	return keys
}

// fuzzyKeysSplit is fuzzyKeys with the cut at split (0 ≤ split ≤ n-2);
// it also returns the number of trie nodes the walks entered.
func (ix *Index) fuzzyKeysSplit(key string, d, split int) ([]fuzzyKey, int) {
	sc := fuzzyScratches.Get().(*fuzzyScratch)
	defer fuzzyScratches.Put(sc)
	keys, visits := ix.fuzzyKeysInto(sc, key, d, split)
	return slices.Clone(keys), visits
}

// turnAround reverses the bytes of k after its first, in place: the
// order of the keys of the rtrie. A walk from the end of a name then
// starts with its first byte, which fuzzy lookups keep, and so goes
// through the names of that byte only; reversing whole names, it went
// through them all and dropped the others at the end, spending most of
// its steps on them.
func turnAround(k []byte) {
	if len(k) > 1 {
		slices.Reverse(k[1:])
	}
}

// capBits are the positions 0..p, or none for p = 0: caps for a walk
// that limits the edits spent on the first p bytes of its query.
func capBits(p int) uint64 {
	if p <= 0 {
		return 0
	}
	return 1<<(p+1) - 1
}

// fuzzyKeysInto is fuzzyKeysSplit into the buffers of sc: the keys it
// returns are sc's until sc goes back to its pool.
func (ix *Index) fuzzyKeysInto(sc *fuzzyScratch, key string, d, split int) ([]fuzzyKey, int) {
	n := len(key)
	w := &sc.w
	sc.arena, sc.spans, sc.turned = sc.arena[:0], sc.spans[:0], false
	// Forward: at most d-1 edits by position split.
	w.t, w.q, w.d, w.firstByte = ix.trie, append(w.q[:0], key...), uint8(d), true
	w.cap0, w.cap1 = 0, capBits(split)
	if d == 1 {
		w.cap0 = w.cap1
	}
	w.visits = 0
	// All of them, both ways: the walks do not find names in order.
	w.run()
	// Backward, over the names turned round after their first byte (see
	// turnAround): none by the first byte and the last n-split-1.
	w.t, sc.turned = ix.rtrie, true
	w.cap0 = capBits(n - split)
	w.cap1 = w.cap0
	turnAround(w.q)
	w.run()
	// The keys share one allocation.
	all := string(sc.arena)
	out := sc.keys[:0]
	for _, sp := range sc.spans {
		out = append(out, fuzzyKey{all[sp.from:sp.to], sp.dist})
	}
	slices.SortFunc(out, func(a, b fuzzyKey) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return a.dist - b.dist
	})
	// The nearest of equal keys comes first and stays.
	out = slices.CompactFunc(out, func(a, b fuzzyKey) bool { return a.key == b.key })
	if len(out) > fuzzyMaxKeys {
		out = out[:fuzzyMaxKeys]
	}
	sc.keys = out
	if cap(w.items) > 1<<16 {
		w.items = nil // a freak query's items do not stay in the pool
	}
	return out, w.visits
}
