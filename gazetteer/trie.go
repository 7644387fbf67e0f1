package gazetteer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
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

// child returns the offset of the i-th child (see childAt).
func (n *trieNode) child(i int) uint32 { return childAt(n.offs, i, n.off) }

// childAt is the offset of the i-th child of the node at self, whose
// child offsets are offs. Children are written before their parents, so
// a child's offset is below its parent's; one that is not (a damaged
// index) is returned as the section's end, where no node is, so that no
// walk can loop.
func childAt(offs []byte, i int, self uint32) uint32 {
	if c := binary.LittleEndian.Uint32(offs[4*i:]); c < self {
		return c
	}
	return math.MaxUint32
}

// fuzzyWalk finds the names within d edits of q (optimal string alignment
// by bytes: insertions, deletions, substitutions, transpositions of
// neighbours), in no set order, calling emit with each and its distance
// (the slice is only valid during the call) until emit returns false.
//
// The walk runs a bit-parallel Levenshtein automaton (Wu and Manber's,
// with transpositions): for each k ≤ d, a word whose bit j says that
// q[:j] matches the path so far within k edits. A byte costs a dozen word
// operations, whatever the length of q, and a path is abandoned as soon
// as its word for k = d is empty. q has at most maxFuzzyBytes bytes.
//
// Caps limit the edits spent by a position of q: at the positions of
// cap0 none may have been, at those of cap1 at most one (cap0 ⊆ cap1):
// there, levels 1 and 2 are kept as level 0, level 2 as level 1. Only
// the names with an alignment that keeps to the caps are found, at the
// distance of their cheapest such alignment. Near the root, where a trie
// is densest, a walk capped there follows few branches; LookupFuzzy runs
// capped walks over the names and over the names turned round, that between
// them find every name (see fuzzyKeys).
//
// With firstByte, the first byte of a name must be that of q.
type fuzzyWalk struct {
	t         nameTrie
	q         []byte
	d         uint8
	cap0      uint64
	cap1      uint64
	firstByte bool
	emit      func(key []byte, dist int) bool

	eq       [256]uint64 // eq[c] bit j+1: q[j] == c; all zero between runs
	full     uint64      // bits 0..len(q)
	maxDepth int
	items    []fuzzyItem
	path     []byte
	visits   int // nodes entered, the cost of a walk for benchmarks
}

// maxFuzzyBytes is the longest q a fuzzyWalk takes: its positions 0..n
// fit in a word.
const maxFuzzyBytes = 63

// fuzzyState is the automaton after a path: level k for k ≤ d. (A
// struct, not an array, so that it travels in registers.)
type fuzzyState struct{ k0, k1, k2 uint64 }

func (w *fuzzyWalk) run() {
	n := len(w.q)
	if n == 0 || n > maxFuzzyBytes || w.d < 1 || w.d > 2 {
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

// fuzzyItem is a node a walk is to enter: the path to it ends with the
// node's label; r is the automaton after the path, and p0, p1 are levels
// 0 and 1 before the label (transpositions look one byte back).
type fuzzyItem struct {
	r      fuzzyState
	p0, p1 uint64
	off    uint32
	parent int32 // the item entered before the label; -1: the root
	depth  uint8 // bytes of the path, the label included
	label  byte
}

// maxFuzzyItems bounds the nodes a walk queues: far more than any real
// query needs (a thousand or so), it stops a damaged trie whose offsets
// make many paths to one node from taking unbounded time and memory.
const maxFuzzyItems = 1 << 20

// walk goes breadth first: it touches every node of a depth before it
// enters any of them. Their loads do not depend on each other, so their
// cache misses overlap; depth first, each node entered waits for its own
// miss, and on a world-size index nearly every node entered is one (about
// 100-200 ns each, most of a lookup).
func (w *fuzzyWalk) walk() {
	n := len(w.q)
	w.full = 1<<(n+1) - 1
	// No match is longer than n+d bytes.
	w.maxDepth = n + int(w.d)
	w.path = slices.Grow(w.path[:0], w.maxDepth)[:w.maxDepth]
	// Before any byte: q[:j] is j deletions away.
	s0 := fuzzyState{1, 3, 7}
	s0.k1 = s0.k1&^w.cap0 | s0.k0&w.cap0
	s0.k2 = s0.k2&^w.cap1 | s0.k1&w.cap1
	root, ok := w.t.node(w.t.root)
	if !ok {
		return
	}
	w.items = w.items[:0]
	labels, first := root.labels, 0
	if w.firstByte {
		// The root has a child for most bytes a name starts with.
		first = bytes.IndexByte(labels, w.q[0])
		if first < 0 {
			return
		}
		labels = labels[first : first+1]
	}
	for i, c := range labels {
		if s := w.step(s0, 0, 0, 0, w.eq[c]); w.alive(s) {
			w.items = append(w.items, fuzzyItem{r: s, p0: s0.k0, p1: s0.k1, off: root.child(first + i), parent: -1, depth: 1, label: c})
		}
	}
	b := w.t.b
	for lo := 0; lo < len(w.items); {
		hi := len(w.items)
		var x byte
		for i := lo; i < hi; i++ {
			if o := w.items[i].off; o < uint32(len(b)) {
				x += b[o]
			}
		}
		runtime.KeepAlive(x) // so that the compiler keeps the loads
		for i := lo; i < hi; i++ {
			if !w.enter(i) {
				return
			}
		}
		lo = hi
	}
}

// step is the automaton after a byte whose eq word is eqc, from r, the
// state after a path; p0 and p1 are levels 0 and 1 before the path's last
// byte, and tr the positions where a transposition ends. Levels past d
// are computed too, and mean nothing.
func (w *fuzzyWalk) step(r fuzzyState, p0, p1, tr, eqc uint64) fuzzyState {
	full := w.full
	var s fuzzyState
	s.k0 = r.k0 << 1 & eqc & full
	// match | substitution | insertion of the byte | deletion of a byte
	// of q | transposition; then the cap
	s.k1 = (r.k1<<1&eqc | r.k0<<1 | r.k0 | s.k0<<1 | p0<<2&tr) & full
	s.k1 = s.k1&^w.cap0 | s.k0&w.cap0
	s.k2 = (r.k2<<1&eqc | r.k1<<1 | r.k1 | s.k1<<1 | p1<<2&tr) & full
	s.k2 = s.k2&^w.cap1 | s.k1&w.cap1
	return s
}

// alive reports whether a match can still come after state s.
func (w *fuzzyWalk) alive(s fuzzyState) bool {
	if w.d == 1 {
		return s.k1 != 0
	}
	return s.k2 != 0
}

// enter walks the node of item i (see the layout of the section): its
// edge, then, if the path is still alive, its name and its children,
// queued as items of the next depth. It returns false once emit has asked
// to stop, or maxFuzzyItems nodes are queued.
//
// The node is decoded in place, with the checks of nameTrie.node, rather
// than by a call: node returns its trieNode (nine words) through memory,
// and a decoder shared by both that returns positions is too big to
// inline and cost a fuzzy lookup 9% more instructions (cachegrind).
func (w *fuzzyWalk) enter(i int) bool {
	w.visits++
	it := &w.items[i]
	r, p0, p1, last, depth, self := it.r, it.p0, it.p1, it.label, int(it.depth), it.off
	b := w.t.b
	o := int(self)
	if o >= len(b) {
		return true
	}
	el, k := uint64(b[o]), 1
	if el >= 0x80 {
		if el, k = binary.Uvarint(b[o:]); k <= 0 {
			return true
		}
	}
	o += k
	if el >= uint64(len(b)-o) {
		return true // no room for the header after the edge
	}
	edge := b[o : o+int(el)]
	o += int(el)
	for _, c := range edge {
		if depth >= w.maxDepth {
			return true
		}
		eqc := w.eq[c]
		s := w.step(r, p0, p1, eqc<<1&w.eq[last], eqc)
		if !w.alive(s) {
			return true
		}
		p0, p1, r, last = r.k0, r.k1, s, c
		depth++
	}
	h, k := uint64(b[o]), 1
	if h >= 0x80 {
		if h, k = binary.Uvarint(b[o:]); k <= 0 {
			return true
		}
	}
	o += k
	nk := h >> 1
	if nk > 256 || uint64(len(b)-o) < nk*5 {
		return true
	}
	if h&1 == 1 {
		if dist := w.distance(r); dist >= 0 && !w.emit(w.pathOf(i, edge, depth), dist) {
			return false
		}
	}
	if depth >= w.maxDepth {
		return true
	}
	labels := b[o : o+int(nk)]
	offs := b[o+int(nk) : o+int(nk)*5]
	mask, all := w.next(r, p0, p1, last)
	for j, c := range labels {
		eqc := w.eq[c]
		if !all && eqc&mask == 0 {
			continue // a byte that matches nothing, with no edit left
		}
		s := w.step(r, p0, p1, eqc<<1&w.eq[last], eqc)
		if !w.alive(s) {
			continue
		}
		child := childAt(offs, j, self)
		if len(w.items) == maxFuzzyItems {
			return false
		}
		w.items = append(w.items, fuzzyItem{r: s, p0: r.k0, p1: r.k1, off: child, parent: int32(i), depth: uint8(depth + 1), label: c})
	}
	return true
}

// pathOf spells the path of depth bytes that ends with edge, the edge of
// item i's node, from the labels and edges of the items on the way to it.
func (w *fuzzyWalk) pathOf(i int, edge []byte, depth int) []byte {
	p := w.path[:depth]
	end := depth
	for {
		it := &w.items[i]
		end -= len(edge)
		copy(p[end:], edge)
		end--
		p[end] = it.label
		if i = int(it.parent); i < 0 {
			return p[end:]
		}
		// The parent's edge ends where the label starts, and it is
		// where its node begins, after its length: no need to decode.
		par := &w.items[i]
		el := int(it.depth) - 1 - int(par.depth)
		o := int(par.off) + 1
		for v := el; v >= 0x80; v >>= 7 {
			o++
		}
		edge = w.t.b[o : o+el]
	}
}

// distance is the least level whose automaton accepts after a path with
// state r, or -1 if none does.
func (w *fuzzyWalk) distance(r fuzzyState) int {
	n := uint(len(w.q))
	switch {
	case r.k0>>n&1 != 0:
		return 0
	case r.k1>>n&1 != 0:
		return 1
	case w.d == 2 && r.k2>>n&1 != 0:
		return 2
	}
	return -1
}

// next tells which bytes can follow a path with state r (levels 0 and 1
// before its last byte p0, p1; that byte last): any (all) while an edit
// can be spent (a substitution or an insertion that lands where the caps
// allow it), else only those whose eq word meets mask, the positions a
// match or the end of a transposition moves to.
func (w *fuzzyWalk) next(r fuzzyState, p0, p1 uint64, last byte) (mask uint64, all bool) {
	if (r.k0<<1|r.k0)&w.full&^w.cap0 != 0 {
		return 0, true
	}
	top, pbelow := r.k1, p0
	if w.d == 2 {
		if (r.k1<<1|r.k1)&w.full&^w.cap1 != 0 {
			return 0, true
		}
		top, pbelow = r.k2, p1
	}
	return top<<1 | pbelow<<2&w.eq[last]>>1, false
}
