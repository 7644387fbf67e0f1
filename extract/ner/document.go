package ner

import (
	"math"
	"slices"
)

// Document features (the second pass of TagDocument): the first pass tags
// every sentence of the document on its own; then every word gets features
// of the labels that the first pass gave to the other occurrences of the
// same lower-cased word in the document ("LEICESTERSHIRE" in a headline is
// tagged like "Leicestershire" in the body, "Simmons" like "Phil Simmons"
// earlier on), and the document is tagged again with the second-pass
// weights. Training computes the same features from jackknifed first-pass
// predictions, so that they are as noisy as when tagging.

// docToks are the per-token inputs of the document features, over all the
// tokens of a document.
type docToks struct {
	lower, short []uint64
	flags        []uint32
	cb           []uint8 // sentence casing bucket
	sentEnd      []int32 // end (exclusive) of the token's sentence
	sentStart    []int32 // start of the token's sentence
}

func (d *docToks) reset() {
	d.lower, d.short, d.flags = d.lower[:0], d.short[:0], d.flags[:0]
	d.cb, d.sentEnd, d.sentStart = d.cb[:0], d.sentEnd[:0], d.sentStart[:0]
}

// appendSentence adds the tokens of one extracted sentence.
func (d *docToks) appendSentence(s *scratch, cb uint8) {
	a := int32(len(d.lower))
	b := a + int32(len(s.info))
	for i := range s.info {
		ti := &s.info[i]
		d.lower = append(d.lower, ti.lower)
		d.short = append(d.short, ti.short)
		d.flags = append(d.flags, ti.flags)
		d.cb = append(d.cb, cb)
		d.sentStart = append(d.sentStart, a)
		d.sentEnd = append(d.sentEnd, b)
	}
}

// aggTable counts, per lower-cased word of a document, the first-pass
// classes of its occurrences (open addressing, reused between documents).
type aggTable struct {
	keys []uint64
	used []bool
	cnt  [][nClasses]uint16
	slot []int32 // per token: its word's slot, -1 for none
}

func (a *aggTable) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	// The table keeps its largest arrays (it is pooled) and uses the first
	// size entries: a large document once does not make every later one
	// reallocate, nor clear more than it uses.
	if cap(a.keys) < size {
		a.keys = make([]uint64, size)
		a.used = make([]bool, size)
		a.cnt = make([][nClasses]uint16, size)
	}
	a.keys, a.used, a.cnt = a.keys[:size], a.used[:size], a.cnt[:size]
	clear(a.used)
	clear(a.cnt)
}

func (a *aggTable) find(key uint64) int32 {
	mask := uint64(len(a.keys) - 1)
	h := key ^ key>>29
	h *= 0x9E3779B97F4A7C15
	i := h >> 32 & mask
	for a.used[i] && a.keys[i] != key {
		i = (i + 1) & mask
	}
	if !a.used[i] {
		a.used[i] = true
		a.keys[i] = key
	}
	return int32(i)
}

// docInfo is the summary of the other occurrences of a token's word.
type docInfo struct {
	ok    bool  // the word occurs elsewhere in the document
	maj   uint8 // majority type of the other occurrences, 0 = outside
	agree uint8 // 2: all agree, 1: a strict majority, 0: otherwise
	mask  uint8 // types seen (bit 0 outside, bit 1+t type t)
	pos   uint8 // BILOU positions seen with the majority type
}

// docFeatures appends the document features of every token of d given the
// first-pass classes cls, with doff[i]..doff[i+1] token i's features.
func docFeatures(dst []uint32, doff []int32, d *docToks, cls []int8, a *aggTable, infos []docInfo, bits uint8) ([]uint32, []int32, []docInfo) {
	infos = docInfos(d, cls, a, infos)
	doff = append(doff, int32(len(dst)))
	for i := range infos {
		dst = appendDocFeatures(dst, d, infos, i, bits)
		doff = append(doff, int32(len(dst)))
	}
	return dst, doff, infos
}

// docInfos sets infos to the summary of the other occurrences of each
// token's word in d, given the first-pass classes cls.
func docInfos(d *docToks, cls []int8, a *aggTable, infos []docInfo) []docInfo {
	n := len(d.lower)
	a.reset(n)
	a.slot = a.slot[:0]
	for i := 0; i < n; i++ {
		if d.flags[i]&flagLetter == 0 {
			a.slot = append(a.slot, -1)
			continue
		}
		sl := a.find(d.lower[i])
		a.slot = append(a.slot, sl)
		if a.cnt[sl][cls[i]] < 1<<16-1 {
			a.cnt[sl][cls[i]]++
		}
	}
	infos = infos[:0]
	for i := 0; i < n; i++ {
		var inf docInfo
		if sl := a.slot[i]; sl >= 0 {
			c := a.cnt[sl]
			c[cls[i]]--
			var byType [nTypes + 1]int
			total := 0
			for k, v := range c {
				if v == 0 {
					continue
				}
				t := 0
				if k > 0 {
					t = 1 + typeOf(int8(k))
				}
				byType[t] += int(v)
				total += int(v)
			}
			if total > 0 {
				inf.ok = true

				for t, v := range byType {
					if v > byType[inf.maj] {
						inf.maj = uint8(t)
					}
					if v > 0 {
						inf.mask |= 1 << t
					}
				}
				switch mv := byType[inf.maj]; {
				case mv == total:
					inf.agree = 2
				case 2*mv > total:
					inf.agree = 1
				}
				if inf.maj > 0 {
					for p := 0; p < 4; p++ {
						if c[classOf(int(inf.maj)-1, p)] > 0 {
							inf.pos |= 1 << p
						}
					}
				}
			}
		}
		infos = append(infos, inf)
	}
	return infos
}

// appendDocFeatures appends the document features of token i of d, whose
// summaries are infos. TagDocument computes them only for the tokens its
// second pass scores, one in twelve or so.
func appendDocFeatures(dst []uint32, d *docToks, infos []docInfo, i int, bits uint8) []uint32 {
	inf := &infos[i]
	if inf.ok {
		capk := uint64(0)
		switch {
		case d.flags[i]&flagAllCaps != 0:
			capk = 2
		case d.flags[i]&flagTitle != 0:
			capk = 1
		}
		maj := uint64(inf.maj)
		dst = append(dst,
			bucketOf(k3(tDocMaj, maj, uint64(inf.agree), capk), bits),
			bucketOf(k2(tDocMask, uint64(inf.mask), capk), bits),
			bucketOf(k3(tDocCase, maj, uint64(d.cb[i]), d.short[i]), bits),
			bucketOf(k2(tDocPos, maj, uint64(inf.pos)), bits))
	}

	if d.flags[i]&flagLetter != 0 {
		nb := func(j int) uint64 {
			if j < int(d.sentStart[i]) || j >= int(d.sentEnd[i]) {
				return 7
			}
			if !infos[j].ok {
				return 6
			}
			return uint64(infos[j].maj)
		}
		self := uint64(6)
		if inf.ok {
			self = uint64(inf.maj)
		}
		if m1, p1 := nb(i-1), nb(i+1); m1 < 6 || p1 < 6 {
			dst = append(dst, bucketOf(k3(tDocNb, m1, self, p1), bits))
		}
	}
	return dst
}

// docScratch holds TagDocument's buffers.
type docScratch struct {
	s     scratch
	sent  []int32  // sentence k: tokens sent[k]:sent[k+1]
	feats []uint32 // static feature buckets of all the document's tokens
	off   []int32  // token t's static features: feats[off[t]:off[t+1]]
	marg  []int32  // per token: its first-pass margin

	// What a lazy token's static features are computed from, should the
	// second pass score it: the prepared state of every sentence (see
	// scratch.prepare), tokens and sentences in document order.
	tinfo   []tokInfo
	lexs    []uint8 // 3 a token
	mems    []uint8 // maxPhrase a token
	sentc   [][3]uint8
	view    scratch
	buf     []uint32
	blocks  docBlocks
	d       docToks
	cls     []int8
	agg     aggTable
	infos   []docInfo
	spans   []Span  // the spans of all the sentences
	spanEnd []int32 // per sentence: the end of its spans in spans
}

// TagDocument labels the sentences of one document (each a slice of
// tokens) and returns each sentence's entity spans. With a model trained
// with document features it tags twice: the second pass sees how the first
// labelled the other occurrences of every word in the document. Otherwise it
// equals calling Tag on each sentence. The second pass only rescores the
// tokens where the first pass was unsure, where the document disagrees with
// it or where an earlier token changed (see weights.decodeSecond), so that a
// document costs little more than tagging its sentences with Tag. It is safe
// for concurrent use.
func (m *Model) TagDocument(sents [][]string) [][]Span {
	minMargin := int32(math.MaxInt32)
	if m.w.scale > 0 && m.w.scale < math.MaxInt32/secondPassMargin {
		minMargin = int32(math.Round(secondPassMargin * float64(m.w.scale)))
	}
	return m.tagDocument(sents, minMargin)
}

// tagDocument is TagDocument with the second pass rescoring only the tokens
// with a first-pass margin below minMargin (all of them with math.MaxInt32)
// or that do not otherwise qualify to keep their class.
func (m *Model) tagDocument(sents [][]string, minMargin int32) [][]Span {
	out := make([][]Span, len(sents))
	if !m.docFeat {
		for i, s := range sents {
			out[i] = m.Tag(s)
		}
		return out
	}
	ds := m.dpool.Get().(*docScratch)
	defer m.dpool.Put(ds)
	return m.tagDocumentWith(ds, sents, minMargin)
}

// tagDocumentWith is tagDocument with the buffers ds, for a model with
// document features.
func (m *Model) tagDocumentWith(ds *docScratch, sents [][]string, minMargin int32) [][]Span {
	out := make([][]Span, len(sents))
	var lex Lexicon
	if m.lexFeat {
		lex = m.lex
	}
	ds.sent = ds.sent[:0]
	ds.d.reset()
	ds.cls = ds.cls[:0]
	ds.marg = ds.marg[:0]
	ds.feats = ds.feats[:0]
	ds.off = append(ds.off[:0], 0)
	ds.tinfo, ds.lexs, ds.mems, ds.sentc = ds.tinfo[:0], ds.lexs[:0], ds.mems[:0], ds.sentc[:0]
	s := &ds.s
	ds.blocks = docBlocks{ds, &m.tables}
	for _, toks := range sents {
		ds.sent = append(ds.sent, int32(len(ds.d.lower)))
		if len(toks) == 0 {
			// sentc is indexed by sentence, empty ones too.
			ds.sentc = append(ds.sentc, [3]uint8{})
			continue
		}
		s.prepare(toks, &m.tables, lex)
		ds.d.appendSentence(s, s.cb)
		plain := s.plain
		if m.scoreAll {
			plain = make([]bool, len(plain))
		}
		ds.cls, ds.marg = m.w.decodeMargin(ds.cls, ds.marg, &ds.blocks, plain, s.lowers, s.shorts, m.bits)
		// (The lexicon and phrase memory arrays are only filled, and
		// only read, when the model has them.)
		ds.tinfo = append(ds.tinfo, s.info...)
		if lex != nil {
			ds.lexs = append(ds.lexs, s.lexSize...)
		}
		if len(m.mem) > 0 {
			ds.mems = append(ds.mems, s.mem...)
		}
		ds.sentc = append(ds.sentc, [3]uint8{s.cb, s.tcb, s.lb})
	}
	ntok := len(ds.d.lower)
	ds.sent = append(ds.sent, int32(ntok))
	ds.infos = docInfos(&ds.d, ds.cls, &ds.agg, ds.infos)
	// The spans of all the sentences are decoded into one pooled buffer,
	// sentence k's being spans[ds.spanEnd[k-1]:ds.spanEnd[k]], then
	// copied into a single allocation that the result's slices share.
	ds.spans, ds.spanEnd = ds.spans[:0], ds.spanEnd[:0]
	for k := range sents {
		a, b := ds.sent[k], ds.sent[k+1]
		if a < b {
			s.labels = m.dw.decodeSecond(s.labels[:0], ds.cls[a:b], ds.marg[a:b], &ds.d, ds.infos, int(a), minMargin, docStatic{ds, &m.tables, k, lex != nil}, ds.d.lower[a:b], ds.d.short[a:b], m.bits)
			ds.spans = appendSpans(ds.spans, s.labels)
		}
		ds.spanEnd = append(ds.spanEnd, int32(len(ds.spans)))
	}
	if len(ds.spans) == 0 {
		return out
	}
	all := slices.Clone(ds.spans)
	start := int32(0)
	for k, end := range ds.spanEnd {
		if start < end {
			// Capped, so that appending to one sentence's spans never
			// overwrites the next's.
			out[k] = all[start:end:end]
		}
		start = end
	}
	return out
}

// docBlocks computes the static features of the tokens of the sentence the
// document's scratch has prepared, during the first pass, into the
// document's feats: only for the tokens the first pass scores (see
// weights.decodeMargin), the others being marked lazy.
type docBlocks struct {
	ds *docScratch
	tb *tables
}

// get computes the static features of token i of the sentence.
func (b *docBlocks) get(i int) []uint32 {
	ds := b.ds
	start := len(ds.feats)
	ds.feats = ds.s.appendBlock(ds.feats, i, b.tb)
	ds.off = append(ds.off, int32(len(ds.feats)))
	return ds.feats[start:]
}

// skip marks the next token lazy: an empty range of feats.
func (b *docBlocks) skip() {
	b.ds.off = append(b.ds.off, int32(len(b.ds.feats)))
}

// lazy reports whether the static features of token t were left to
// compute (skip): every token get computes has some, the bias at least.
func (ds *docScratch) lazy(t int) bool { return ds.off[t] == ds.off[t+1] }

// docStatic gives the second pass the static features of the tokens of
// sentence k, computing a lazy token's from its sentence's saved state.
type docStatic struct {
	ds     *docScratch
	tb     *tables
	k      int
	useLex bool
}

// get returns the static features of the sentence's token i.
func (st docStatic) get(i int) []uint32 {
	ds := st.ds
	a := int(ds.sent[st.k])
	t := a + i
	if !ds.lazy(t) {
		return ds.feats[ds.off[t]:ds.off[t+1]]
	}
	b := int(ds.sent[st.k+1])
	v := &ds.view
	v.info = ds.tinfo[a:b]
	if len(st.tb.mem) > 0 {
		v.mem = ds.mems[maxPhrase*a : maxPhrase*b]
	}
	v.useLex = st.useLex
	if st.useLex {
		v.lexSize = ds.lexs[3*a : 3*b]
	}
	c := ds.sentc[st.k]
	v.cb, v.tcb, v.lb = c[0], c[1], c[2]
	ds.buf = v.appendBlock(ds.buf[:0], i, st.tb)
	return ds.buf
}

// secondPassMargin is the first-pass margin, in perceptron updates, from
// which the second pass keeps a token's first-pass class (see
// weights.decodeSecond) when the token's document information agrees. On the
// CoNLL-2003 development set the second pass then scores about 8 % of the
// tokens and tags exactly as when it scores them all.
const secondPassMargin = 50
