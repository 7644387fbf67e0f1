package gazetteer

import (
	"bufio"
	"bytes"
	"cmp"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// pairSorter sorts (key, value) pairs of any number in bounded memory:
// pairs gather in a chunk of at most chunkBytes; a full chunk is sorted
// and written to a run file by a second goroutine while the next fills,
// and the runs are merged at the end. Equal pairs are kept once. The order
// (key bytes, then value) does not depend on the order of adding, so
// builds are deterministic.
type pairSorter struct {
	dir        string
	prefix     string
	chunkBytes int

	arena []byte
	items []sortItem

	runs    []string
	pending chan error // result of the chunk being spilled, if any
	err     error
}

type sortItem struct {
	head uint64 // first 8 key bytes, big endian: most comparisons end here
	off  uint32 // key in arena
	n    uint32
	val  uint64
}

const sortItemBytes = 24

func newPairSorter(dir, prefix string, chunkBytes int) *pairSorter {
	// The first chunk grows as needed (small builds stay small); the
	// chunks after a spill start at the full size.
	c := min(chunkBytes, 8<<20)
	return &pairSorter{dir: dir, prefix: prefix, chunkBytes: chunkBytes,
		arena: make([]byte, 0, c/3), items: make([]sortItem, 0, c*2/3/sortItemBytes)}
}

func keyHead(k []byte) uint64 {
	var b [8]byte
	copy(b[:], k)
	return binary.BigEndian.Uint64(b[:])
}

// add adds one pair; the key is copied.
func (s *pairSorter) add(key string, val uint64) error {
	if len(s.arena)+len(key)+sortItemBytes*(len(s.items)+1) > s.chunkBytes && len(s.items) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	off := len(s.arena)
	s.arena = append(s.arena, key...)
	s.items = append(s.items, sortItem{head: keyHead(s.arena[off:]), off: uint32(off), n: uint32(len(key)), val: val})
	return nil
}

func sortChunk(arena []byte, items []sortItem) {
	slices.SortFunc(items, func(a, b sortItem) int {
		if a.head != b.head {
			return cmp.Compare(a.head, b.head)
		}
		if c := bytes.Compare(arena[a.off:a.off+a.n], arena[b.off:b.off+b.n]); c != 0 {
			return c
		}
		return cmp.Compare(a.val, b.val)
	})
}

// spill hands the current chunk to a goroutine that sorts it and writes it
// as a run, after waiting for the previous one: at most two chunks live.
func (s *pairSorter) spill() error {
	if err := s.wait(); err != nil {
		return err
	}
	arena, items := s.arena, s.items
	name := filepath.Join(s.dir, fmt.Sprintf("%s-%04d.run", s.prefix, len(s.runs)))
	s.runs = append(s.runs, name)
	s.pending = make(chan error, 1)
	go func(done chan<- error) {
		sortChunk(arena, items)
		done <- writeRun(name, arena, items)
	}(s.pending)
	s.arena = make([]byte, 0, cap(arena))
	s.items = make([]sortItem, 0, cap(items))
	return nil
}

func (s *pairSorter) wait() error {
	if s.pending != nil {
		err := <-s.pending
		s.pending = nil
		if err != nil && s.err == nil {
			s.err = err
		}
	}
	return s.err
}

func writeRun(name string, arena []byte, items []sortItem) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var tmp [2 * binary.MaxVarintLen64]byte
	var last sortItem
	for i, it := range items {
		if i > 0 && it.val == last.val && it.n == last.n && bytes.Equal(arena[it.off:it.off+it.n], arena[last.off:last.off+last.n]) {
			continue
		}
		last = it
		k := binary.PutUvarint(tmp[:], uint64(it.n))
		w.Write(tmp[:k])
		w.Write(arena[it.off : it.off+it.n])
		k = binary.PutUvarint(tmp[:], it.val)
		w.Write(tmp[:k])
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// pairIter yields the sorted, distinct pairs.
type pairIter interface {
	// next returns the next pair; key is valid until the following call.
	next() (key []byte, val uint64, ok bool, err error)
	close()
}

// finish sorts what is left and returns an iterator over all pairs. With
// no run spilled, everything stays in memory.
func (s *pairSorter) finish() (pairIter, error) {
	if len(s.runs) == 0 {
		sortChunk(s.arena, s.items)
		return &memIter{arena: s.arena, items: s.items}, nil
	}
	if len(s.items) > 0 {
		if err := s.spill(); err != nil {
			return nil, err
		}
	}
	if err := s.wait(); err != nil {
		return nil, err
	}
	s.arena, s.items = nil, nil
	m := &mergeIter{}
	for _, name := range s.runs {
		f, err := os.Open(name)
		if err != nil {
			m.close()
			return nil, err
		}
		r := &runReader{f: f, r: bufio.NewReaderSize(f, 256<<10)}
		m.readers = append(m.readers, r)
		if err := r.advance(); err != nil {
			m.close()
			return nil, err
		}
		if !r.done {
			m.h = append(m.h, r)
		}
	}
	heap.Init(&m.h)
	return m, nil
}

// remove deletes the run files.
func (s *pairSorter) remove() {
	_ = s.wait()
	for _, r := range s.runs {
		os.Remove(r)
	}
}

type memIter struct {
	arena []byte
	items []sortItem
	i     int
}

func (m *memIter) next() ([]byte, uint64, bool, error) {
	for m.i < len(m.items) {
		it := m.items[m.i]
		m.i++
		k := m.arena[it.off : it.off+it.n]
		if m.i > 1 {
			p := m.items[m.i-2]
			if p.val == it.val && bytes.Equal(m.arena[p.off:p.off+p.n], k) {
				continue
			}
		}
		return k, it.val, true, nil
	}
	return nil, 0, false, nil
}

func (m *memIter) close() {}

type runReader struct {
	f    *os.File
	r    *bufio.Reader
	key  []byte
	val  uint64
	done bool
}

func (r *runReader) advance() error {
	n, err := binary.ReadUvarint(r.r)
	if err == io.EOF {
		r.done = true
		return nil
	}
	if err != nil {
		return fmt.Errorf("gazetteer: build: read sort run: %w", err)
	}
	if cap(r.key) < int(n) {
		r.key = make([]byte, n, max(int(n), 64))
	}
	r.key = r.key[:n]
	if _, err := io.ReadFull(r.r, r.key); err != nil {
		return fmt.Errorf("gazetteer: build: read sort run: %w", err)
	}
	if r.val, err = binary.ReadUvarint(r.r); err != nil {
		return fmt.Errorf("gazetteer: build: read sort run: %w", err)
	}
	return nil
}

type runHeap []*runReader

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	if c := bytes.Compare(h[i].key, h[j].key); c != 0 {
		return c < 0
	}
	return h[i].val < h[j].val
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

type mergeIter struct {
	readers []*runReader
	h       runHeap
	key     []byte
	val     uint64
	started bool
}

func (m *mergeIter) next() ([]byte, uint64, bool, error) {
	for len(m.h) > 0 {
		top := m.h[0]
		dup := m.started && top.val == m.val && bytes.Equal(top.key, m.key)
		if !dup {
			m.key = append(m.key[:0], top.key...)
			m.val = top.val
			m.started = true
		}
		if err := top.advance(); err != nil {
			return nil, 0, false, err
		}
		if top.done {
			heap.Pop(&m.h)
		} else {
			heap.Fix(&m.h, 0)
		}
		if !dup {
			return m.key, m.val, true, nil
		}
	}
	return nil, 0, false, nil
}

func (m *mergeIter) close() {
	for _, r := range m.readers {
		r.f.Close()
	}
}
