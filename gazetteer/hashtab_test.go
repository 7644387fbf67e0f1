package gazetteer

import (
	"fmt"
	"testing"
)

func TestNameTable(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 1000, 50000} {
		var tb nameTableBuilder
		for i := 0; i < n; i++ {
			if err := tb.add([]byte(fmt.Sprintf("name %d", i)), uint64(i*3)); err != nil {
				t.Fatal(err)
			}
		}
		b, err := tb.build()
		if err != nil {
			t.Fatal(err)
		}
		nt, err := loadNameTable(b)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < n; i++ {
			if v, ok := nt.get(fmt.Sprintf("name %d", i)); !ok || v != uint64(i*3) {
				t.Fatalf("n=%d: get(name %d) = %d, %v", n, i, v, ok)
			}
		}
		for i := n; i < n+1000; i++ {
			if v, ok := nt.get(fmt.Sprintf("name %d", i)); ok {
				t.Fatalf("n=%d: absent name %d found: %d", n, i, v)
			}
		}
	}
}

// Every name of the default index's trie is in its name table, and lookups
// of ASCII names into a buffer large enough do not allocate.
func TestNameTableAllocs(t *testing.T) {
	ix, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]Entry, 0, 256)
	allocs := testing.AllocsPerRun(100, func() {
		buf = ix.AppendLookup(buf[:0], "Kharkiv")
		buf = ix.AppendLookup(buf[:0], "new york")
	})
	if allocs != 0 {
		t.Errorf("AppendLookup: %v allocations, want 0", allocs)
	}
	n := 0
	ix.trie.each(func(k []byte) {
		if _, ok := ix.names.get(string(k)); !ok {
			t.Fatalf("name %q not in the name table", k)
		}
		n++
	})
	if n != ix.Info().Names {
		t.Errorf("%d names in the trie, info says %d", n, ix.Info().Names)
	}
}
