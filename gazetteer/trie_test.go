package gazetteer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// each calls f with every name of the trie, in ascending order.
func (t nameTrie) each(f func(key []byte)) {
	var walk func(off uint32, path []byte)
	walk = func(off uint32, path []byte) {
		nd, ok := t.node(off)
		if !ok {
			return
		}
		path = append(path, nd.edge...)
		if nd.final {
			f(path)
		}
		for i, c := range nd.labels {
			walk(nd.child(i), append(path, c))
		}
	}
	walk(t.root, nil)
}

func buildTrie(t testing.TB, keys []string) nameTrie {
	t.Helper()
	var buf bytes.Buffer
	b := newTrieBuilder(&buf)
	for _, k := range keys {
		if err := b.Insert([]byte(k)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	tr, err := loadNameTrie(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestTrieRoundTrip(t *testing.T) {
	for _, keys := range [][]string{
		nil,
		{"a"},
		{"kharkiv"},
		{"ab", "abc", "abd", "b"},
		{"izium", "izium raion", "izyum", "kharkiv", "kharkiv oblast", "kharkov", "kyiv"},
		{"a", "aa", "aaa", "aaaa", "aaab", "ab"},
	} {
		tr := buildTrie(t, keys)
		var got []string
		tr.each(func(k []byte) { got = append(got, string(k)) })
		if !slices.Equal(got, keys) {
			t.Errorf("trie of %q holds %q", keys, got)
		}
	}
}

func TestTrieBuilderOrder(t *testing.T) {
	var buf bytes.Buffer
	b := newTrieBuilder(&buf)
	if err := b.Insert([]byte("kyiv")); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kyiv", "kharkiv"} {
		if err := b.Insert([]byte(k)); !errors.Is(err, errTrieOrder) {
			t.Errorf("Insert(%q) after \"kyiv\": err = %v, want %v", k, err, errTrieOrder)
		}
	}
}

// bruteFuzzy is what a fuzzy walk must find: the keys within d edits of q
// whose first byte is q's, in order.
func bruteFuzzy(keys []string, q string, d int) []string {
	var out []string
	for _, k := range keys {
		if k != "" && k[0] == q[0] && osaBytes(q, k) <= d {
			out = append(out, k)
		}
	}
	return out
}

// osaBytes is the optimal string alignment distance by bytes.
func osaBytes(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// fuzzyIndex is an index of keys (sorted, distinct) with only the tries
// of fuzzy lookups.
func fuzzyIndex(t testing.TB, keys []string) *Index {
	var rkeys []string
	for _, k := range keys {
		b := []byte(k)
		turnAround(b)
		rkeys = append(rkeys, string(b))
	}
	slices.Sort(rkeys)
	return &Index{trie: buildTrie(t, keys), rtrie: buildTrie(t, rkeys)}
}

// checkFuzzy checks that a walk over all of ix's names, and the two walks
// of fuzzyKeys, find exactly the keys within d edits of q that brute
// force finds, each at its distance.
func checkFuzzy(t *testing.T, ix *Index, keys []string, q string, d int) {
	t.Helper()
	want := bruteFuzzy(keys, q, d)
	var got []string
	w := &fuzzyWalk{t: ix.trie, q: []byte(q), d: uint8(d), firstByte: true}
	w.emit = func(k []byte, dist int) bool {
		if want := osaBytes(q, string(k)); dist != want {
			t.Errorf("walk %q d=%d: %q at distance %d, want %d", q, d, k, dist, want)
		}
		got = append(got, string(k))
		return true
	}
	w.run()
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("walk %q d=%d:\n got %q\nwant %q", q, d, got, want)
	}
	if len(want) > fuzzyMaxKeys {
		want = want[:fuzzyMaxKeys]
	}
	got = got[:0]
	for _, k := range ix.fuzzyKeys(q, d) {
		got = append(got, k.key)
		if want := osaBytes(q, k.key); k.dist != want {
			t.Errorf("fuzzyKeys(%q, %d): %q at distance %d, want %d", q, d, k.key, k.dist, want)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("fuzzyKeys(%q, %d):\n got %q\nwant %q", q, d, got, want)
	}
}

// The walks find exactly the keys within the distance, on keys from a
// small alphabet so that most queries have many near neighbours.
func TestFuzzyWalkMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, 1+r.IntN(9))
		for i := range b {
			b[i] = "abcd "[r.IntN(5)]
		}
		return string(b)
	}
	set := map[string]bool{}
	for len(set) < 3000 {
		set[word()] = true
	}
	keys := slices.Sorted(maps.Keys(set))
	ix := fuzzyIndex(t, keys)
	for i := 0; i < 400; i++ {
		q := word()
		for d := 1; d <= 2; d++ {
			checkFuzzy(t, ix, keys, q, d)
		}
	}
}

// A walk stops when emit says so.
func TestFuzzyWalkStops(t *testing.T) {
	var keys []string
	for i := 0; i < 100; i++ {
		keys = append(keys, fmt.Sprintf("paris%02d", i))
	}
	tr := buildTrie(t, keys)
	n := 0
	w := &fuzzyWalk{t: tr, q: []byte("paris00"), d: 2, firstByte: true, emit: func([]byte, int) bool { n++; return n < 5 }}
	w.run()
	if n != 5 {
		t.Errorf("emit called %d times, want 5", n)
	}
}

// A damaged trie whose nodes all point to the one below, each by every
// byte, has 256^depth paths: a walk stops at maxFuzzyItems nodes rather
// than queue all that stay within two edits (millions).
func TestFuzzyWalkBounded(t *testing.T) {
	var b []byte
	b = append(b, 0, 1) // a leaf that is a name
	prev := uint32(0)
	for depth := 0; depth < 12; depth++ {
		off := uint32(len(b))
		b = append(b, 0)
		b = binary.AppendUvarint(b, 256<<1)
		for c := 0; c < 256; c++ {
			b = append(b, byte(c))
		}
		for c := 0; c < 256; c++ {
			b = binary.LittleEndian.AppendUint32(b, prev)
		}
		prev = off
	}
	b = binary.LittleEndian.AppendUint32(b, prev)
	tr, err := loadNameTrie(b)
	if err != nil {
		t.Fatal(err)
	}
	w := &fuzzyWalk{t: tr, q: []byte("abcdefghij"), d: 2, emit: func([]byte, int) bool { return true }}
	w.run()
	if len(w.items) > maxFuzzyItems {
		t.Errorf("walk queued %d nodes, more than %d", len(w.items), maxFuzzyItems)
	}
	if len(w.items) < maxFuzzyItems {
		t.Errorf("walk queued %d nodes: the trie does not have the paths the test means it to", len(w.items))
	}
}

// A damaged trie is refused at load or walked without a panic.
func TestTrieDamaged(t *testing.T) {
	var buf bytes.Buffer
	b := newTrieBuilder(&buf)
	for _, k := range []string{"izium", "izyum", "kharkiv", "kyiv"} {
		b.Insert([]byte(k))
	}
	b.Close()
	good := buf.Bytes()
	for i := range good {
		for _, v := range []byte{0, 0xff, good[i] ^ 0x10} {
			bad := bytes.Clone(good)
			bad[i] = v
			tr, err := loadNameTrie(bad)
			if err != nil {
				continue
			}
			tr.each(func([]byte) {})
			w := &fuzzyWalk{t: tr, q: []byte("kharkov"), d: 2, emit: func([]byte, int) bool { return true }}
			w.run()
		}
	}
}

// FuzzFuzzyKeys: on any set of names and any query, the two walks of
// fuzzyKeys find exactly the names brute force finds, each at its true
// distance, and so does one walk over all the names.
func FuzzFuzzyKeys(f *testing.F) {
	f.Add("kharkov", "kharkiv\nkharkov\nkhakiv\nkyiv\nizium\nizyum", byte(2))
	f.Add("abcab", "abcab\nbacab\nab\nabcabab\naacb\nabab\nbbb", byte(1))
	f.Add("zaliznyche", "zaliznychne\nzaliznychni\nzaliznyi\nzalissia", byte(2))
	f.Fuzz(func(t *testing.T, q, names string, d byte) {
		if q == "" || len(q) > maxFuzzyBytes {
			return
		}
		set := map[string]bool{}
		for _, k := range strings.Split(names, "\n") {
			if k != "" && len(k) <= 80 {
				set[k] = true
			}
		}
		keys := slices.Sorted(maps.Keys(set))
		checkFuzzy(t, fuzzyIndex(t, keys), keys, q, int(d%2)+1)
	})
}
