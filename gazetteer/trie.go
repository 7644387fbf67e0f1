package gazetteer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The name trie is a radix trie of the normalized names, for fuzzy walks.
// A Levenshtein walk spends its time deciding which children of a node
// can still lead to a match; here the children of a node are one run of
// label bytes and one run of offsets, and a chain of single children is
// one edge string compared byte by byte, so a walk costs a few loads a
// step, and a walk can start from either end of a name (see fuzzyKeys).
// (A vellum FST of the names is smaller, but its automaton interface
// decodes every transition of every node reached, and it cannot be
// walked backwards: LookupFuzzy over format 3's FST took 5 times as long
// at one edit and 13 times at two.)
//
// Layout of the section: nodes, then the root's offset (u32) in the last
// four bytes. A node at offset o:
//
//	uvarint  len(edge), then edge: the bytes of the edge into the node
//	         after its first, which is the node's label in its parent
//	uvarint  children<<1 | final (final: the path to here is a name)
//	labels   children bytes, ascending
//	offsets  children × u32, the offset of each child node
//
// Offsets are u32: the trie of a full-world index is a few hundred MB.

// trieBuilder writes the trie of names inserted in ascending byte order,
// streaming: a node is written once all its children are, so only the
// nodes on the path of the last name are in memory.
type trieBuilder struct {
	w    io.Writer
	off  uint64 // bytes written
	prev []byte
	open []trieOpen // open[i]: the node reached by prev[:i]
	buf  []byte
	n    int
}

// trieOpen is a node whose children are still coming.
type trieOpen struct {
	final bool
	kids  []triePending
}

// triePending is a finished node not yet written: its parent decides
// whether it becomes part of a longer edge (a chain of single children)
// or is written as it is.
type triePending struct {
	label byte
	edge  []byte // edge bytes after label
	body  []byte // the node from its header on; its children are written
}

var errTrieOrder = errors.New("names out of order")

func newTrieBuilder(w io.Writer) *trieBuilder {
	return &trieBuilder{w: w, open: []trieOpen{{}}}
}

// Insert adds a name; names must come in strictly ascending order.
func (t *trieBuilder) Insert(key []byte) error {
	if len(key) == 0 {
		return nil // the empty name matches nothing
	}
	if t.n > 0 && bytes.Compare(key, t.prev) <= 0 {
		return fmt.Errorf("%w: %q after %q", errTrieOrder, key, t.prev)
	}
	t.n++
	lcp := 0
	for lcp < len(key) && lcp < len(t.prev) && key[lcp] == t.prev[lcp] {
		lcp++
	}
	if err := t.closeTo(lcp); err != nil {
		return err
	}
	for len(t.open) <= len(key) {
		t.open = append(t.open, trieOpen{})
	}
	t.open = t.open[:len(key)+1]
	for i := lcp + 1; i <= len(key); i++ {
		t.open[i] = trieOpen{kids: t.open[i].kids[:0]}
	}
	t.open[len(key)].final = true
	t.prev = append(t.prev[:0], key...)
	return nil
}

// closeTo finishes the open nodes deeper than depth, each becoming a
// pending child of its parent.
func (t *trieBuilder) closeTo(depth int) error {
	for d := len(t.open) - 1; d > depth; d-- {
		p, err := t.finish(&t.open[d], false)
		if err != nil {
			return err
		}
		p.label = t.prev[d-1]
		t.open[d-1].kids = append(t.open[d-1].kids, p)
		t.open = t.open[:d]
	}
	return nil
}

// finish turns an open node into a pending one: merged with its only
// child into one edge when it is not a name itself, else written out
// with its children.
func (t *trieBuilder) finish(n *trieOpen, root bool) (triePending, error) {
	if !root && !n.final && len(n.kids) == 1 {
		k := n.kids[0]
		edge := make([]byte, 0, 1+len(k.edge))
		edge = append(append(edge, k.label), k.edge...)
		return triePending{edge: edge, body: k.body}, nil
	}
	offs := make([]uint32, len(n.kids))
	for i := range n.kids {
		off, err := t.write(&n.kids[i])
		if err != nil {
			return triePending{}, err
		}
		offs[i] = off
	}
	h := uint64(len(n.kids)) << 1
	if n.final {
		h |= 1
	}
	body := binary.AppendUvarint(nil, h)
	for _, k := range n.kids {
		body = append(body, k.label)
	}
	for _, o := range offs {
		body = binary.LittleEndian.AppendUint32(body, o)
	}
	return triePending{body: body}, nil
}

// write writes a pending node and returns its offset.
func (t *trieBuilder) write(p *triePending) (uint32, error) {
	if t.off > math.MaxUint32 {
		return 0, fmt.Errorf("name trie over 4 GB")
	}
	off := uint32(t.off)
	t.buf = binary.AppendUvarint(t.buf[:0], uint64(len(p.edge)))
	t.buf = append(t.buf, p.edge...)
	t.buf = append(t.buf, p.body...)
	n, err := t.w.Write(t.buf)
	t.off += uint64(n)
	return off, err
}

// Close writes the remaining nodes, the root and its offset.
func (t *trieBuilder) Close() error {
	if err := t.closeTo(0); err != nil {
		return err
	}
	p, err := t.finish(&t.open[0], true)
	if err != nil {
		return err
	}
	root, err := t.write(&p)
	if err != nil {
		return err
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], root)
	_, err = t.w.Write(b[:])
	return err
}

// nameTrie reads the trie section in place.
type nameTrie struct {
	b    []byte
	root uint32
}

func loadNameTrie(b []byte) (nameTrie, error) {
	if len(b) < 4 {
		return nameTrie{}, fmt.Errorf("%w: name trie", errFormat)
	}
	t := nameTrie{b: b[:len(b)-4], root: binary.LittleEndian.Uint32(b[len(b)-4:])}
	if _, ok := t.node(t.root); !ok {
		return nameTrie{}, fmt.Errorf("%w: name trie root", errFormat)
	}
	return t, nil
}

// trieNode is one decoded node; its slices point into the section.
type trieNode struct {
	off    uint32
	edge   []byte
	final  bool
	labels []byte
	offs   []byte // 4 bytes a child
}

// node decodes the node at off; ok is false when it does not fit in the
// section (a damaged index: the walk stops there rather than panic).
func (t nameTrie) node(off uint32) (trieNode, bool) {
	b := t.b
	if uint64(off) >= uint64(len(b)) {
		return trieNode{}, false
	}
	b = b[off:]
	// Both varints nearly always fit in a byte: decode those inline.
	el, k := uint64(b[0]), 1
	if el >= 0x80 {
		if el, k = binary.Uvarint(b); k <= 0 {
			return trieNode{}, false
		}
	}
	if el >= uint64(len(b)-k) {
		return trieNode{}, false // no room for the header after the edge
	}
	n := trieNode{off: off}
	n.edge, b = b[k:k+int(el)], b[k+int(el):]
	h, k := uint64(b[0]), 1
	if h >= 0x80 {
		if h, k = binary.Uvarint(b); k <= 0 {
			return trieNode{}, false
		}
	}
	b = b[k:]
	nk := h >> 1
	if nk > 256 || uint64(len(b)) < nk*5 {
		return trieNode{}, false
	}
	n.final = h&1 == 1
	n.labels = b[:nk]
	n.offs = b[nk : nk*5]
	return n, true
}

// child returns the offset of the i-th child. Children are written
// before their parents, so a child's offset is below its parent's; one
// that is not (a damaged index) is returned as the section's end, where
// no node is, so that no walk can loop.
func (n *trieNode) child(i int) uint32 {
	if c := binary.LittleEndian.Uint32(n.offs[4*i:]); c < n.off {
		return c
	}
	return math.MaxUint32
}

// fuzzyWalk finds the names within d edits of q (optimal string alignment
// by bytes: insertions, deletions, substitutions, transpositions of
// neighbours), in ascending order, calling emit with each and its
// distance (the slice is only valid during the call) until emit returns
// false.
//
// The walk runs a bit-parallel Levenshtein automaton (Wu and Manber's,
// with transpositions): for each k ≤ d, a word whose bit j says that
// q[:j] matches the path so far within k edits. A byte costs a dozen word
// operations, whatever the length of q, and a path is abandoned as soon
// as its word for k = d is empty. q has at most maxFuzzyBytes bytes.
//
// With split > 0, only the names that match q[:split] within splitMax
// edits (and the whole of q within d) are found: the bits of the first
// split+1 positions are kept only for k ≤ splitMax. Near the root, where
// a trie is densest, a walk then follows few branches. LookupFuzzy runs
// two such walks, over the names and over the reversed names, so that
// between them they find every name (see there).
//
// With firstByte, the first byte of a name must be that of q.
type fuzzyWalk struct {
	t         nameTrie
	q         []byte
	d         uint8
	split     int
	splitMax  uint8
	firstByte bool
	emit      func(key []byte, dist int) bool

	eq   [256]uint64 // eq[c] bit j+1: q[j] == c; all zero between runs
	full uint64      // bits 0..len(q)
	// lowAt[k]: the bits 0..split, the capped positions, for the levels
	// k > splitMax that are capped; 0 for the others.
	lowAt  [3]uint64
	states []fuzzyState
	path   []byte
	visits int // nodes entered, the cost of a walk for benchmarks
}

// maxFuzzyBytes is the longest q a fuzzyWalk takes: its positions 0..n
// fit in a word.
const maxFuzzyBytes = 63

// fuzzyState is the automaton after a path: r[k] for k ≤ d.
type fuzzyState [3]uint64

func (w *fuzzyWalk) run() {
	n := len(w.q)
	if n == 0 || n > maxFuzzyBytes || w.d < 1 || w.d > 2 || w.d == 1 && w.splitMax != 0 || w.splitMax >= w.d {
		return
	}
	for j, c := range w.q {
		w.eq[c] |= 1 << (j + 1)
	}
	w.walk()
	for _, c := range w.q {
		w.eq[c] = 0
	}
}

func (w *fuzzyWalk) walk() {
	n := len(w.q)
	w.full = 1<<(n+1) - 1
	w.lowAt = [3]uint64{}
	if w.split > 0 {
		for k := int(w.splitMax) + 1; k <= int(w.d); k++ {
			w.lowAt[k] = 1<<(w.split+1) - 1
		}
	}
	maxDepth := n + int(w.d) + 1
	w.states = slices.Grow(w.states[:0], maxDepth+1)[:maxDepth+1]
	// Before any byte: q[:j] is j deletions away.
	var s fuzzyState
	for k := 0; k <= int(w.d); k++ {
		s[k] = 1<<(k+1) - 1
		w.capLevel(&s, k)
	}
	w.states[0] = s
	w.path = slices.Grow(w.path[:0], maxDepth)[:maxDepth]
	root, ok := w.t.node(w.t.root)
	if !ok {
		return
	}
	for i, c := range root.labels {
		if w.firstByte && c != w.q[0] {
			continue
		}
		if w.step(0, c) && !w.visit(root.child(i), 1) {
			return
		}
	}
}

// capLevel makes level k keep the bits of the capped positions only as level
// splitMax has them (made first).
func (w *fuzzyWalk) capLevel(s *fuzzyState, k int) {
	s[k] = s[k]&^w.lowAt[k] | s[w.splitMax]&w.lowAt[k]
}

// step computes the state of depth i+1 after byte c from that of depth i
// and reports whether a match can still come. Unrolled for d ≤ 2.
func (w *fuzzyWalk) step(i int, c byte) bool {
	if i+1 >= len(w.states) || i >= len(w.path) {
		return false // deeper than any match can be
	}
	r := w.states[i]
	eqc, full := w.eq[c], w.full
	var rp fuzzyState
	var tr uint64 // positions where a transposition ends
	if i > 0 {
		rp = w.states[i-1]
		tr = eqc << 1 & w.eq[w.path[i-1]]
	}
	var s fuzzyState
	s[0] = r[0] << 1 & eqc & full
	// match | substitution | insertion of c | deletion of a byte of q |
	// transposition
	s[1] = (r[1]<<1&eqc | r[0]<<1 | r[0] | s[0]<<1 | rp[0]<<2&tr) & full
	w.capLevel(&s, 1)
	if w.d == 2 {
		s[2] = (r[2]<<1&eqc | r[1]<<1 | r[1] | s[1]<<1 | rp[1]<<2&tr) & full
		w.capLevel(&s, 2)
	}
	if s[w.d] == 0 {
		return false
	}
	w.states[i+1] = s
	w.path[i] = c
	return true
}

// visit walks the node at off, reached with the path of the given depth
// (its label included); it returns false once emit has asked to stop.
func (w *fuzzyWalk) visit(off uint32, depth int) bool {
	w.visits++
	nd, ok := w.t.node(off)
	if !ok {
		return true
	}
	for _, c := range nd.edge {
		if !w.step(depth, c) {
			return true
		}
		depth++
	}
	if nd.final {
		if dist := w.distance(depth); dist >= 0 && !w.emit(w.path[:depth], dist) {
			return false
		}
	}
	mask, all := w.next(depth)
	for i, c := range nd.labels {
		if !all && w.eq[c]&mask == 0 {
			continue // a byte that matches nothing, with no edit left
		}
		if w.step(depth, c) && !w.visit(nd.child(i), depth+1) {
			return false
		}
	}
	return true
}

// distance is the least level whose automaton accepts the path of the
// given depth, or -1 if none does.
func (w *fuzzyWalk) distance(depth int) int {
	r := &w.states[depth]
	n := uint(len(w.q))
	for k := 0; k <= int(w.d); k++ {
		if r[k]>>n&1 != 0 {
			return k
		}
	}
	return -1
}

// next tells which bytes can follow the path of the given depth: any (all)
// while an edit is left to spend, else only those whose eq word meets
// mask, the positions a match or the end of a transposition moves to.
func (w *fuzzyWalk) next(depth int) (mask uint64, all bool) {
	r := &w.states[depth]
	d := int(w.d)
	free := (r[d-1]<<1 | r[d-1]) & w.full // substitutions, insertions
	if low := w.lowAt[d]; low != 0 {
		free &^= low
		if w.splitMax > 0 && r[w.splitMax-1] != 0 {
			return 0, true
		}
	}
	if free != 0 {
		return 0, true
	}
	mask = r[d] << 1
	if depth > 0 {
		mask |= w.states[depth-1][d-1] << 2 & w.eq[w.path[depth-1]] >> 1
	}
	return mask, false
}
