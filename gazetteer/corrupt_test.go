package gazetteer

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyIndex copies the index of src into a fresh folder, with its index
// file replaced by data.
func copyIndex(t *testing.T, src string, data []byte) string {
	t.Helper()
	dir := t.TempDir()
	info, err := os.ReadFile(filepath.Join(src, infoFileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, infoFileName), info, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, indexFileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A truncated index file, or one whose header is damaged, is refused at
// Open with a message that says to rebuild it.
func TestOpenDetectsTruncatedIndex(t *testing.T) {
	src := buildMini(t)
	data, err := os.ReadFile(filepath.Join(src, indexFileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(copyIndex(t, src, data)); err != nil {
		t.Fatalf("intact copy: %v", err)
	}
	cuts := []int{0, 1, 8, 15, 16, 17, 100, len(data) / 3, len(data) / 2, len(data) - 4096, len(data) - 1}
	for _, n := range cuts {
		if n < 0 || n >= len(data) {
			continue
		}
		_, err := Open(copyIndex(t, src, data[:n]))
		if err == nil {
			t.Errorf("index truncated to %d of %d bytes: Open succeeded", n, len(data))
			continue
		}
		if !strings.Contains(err.Error(), "rebuild") {
			t.Errorf("truncated to %d bytes: error %q does not say to rebuild", n, err)
		}
	}
	// Damaged header fields: each section's offset and length pushed out
	// of the file, the section count, the magic.
	damage := map[string]func(b []byte){
		"magic":    func(b []byte) { b[0] ^= 0xff },
		"sections": func(b []byte) { binary.LittleEndian.PutUint32(b[12:], 3) },
	}
	for i := 0; i < numSections; i++ {
		damage[fmt.Sprint("offset of section ", i)] = func(b []byte) { binary.LittleEndian.PutUint64(b[16+i*16:], uint64(len(b))+1) }
		damage[fmt.Sprint("length of section ", i)] = func(b []byte) { binary.LittleEndian.PutUint64(b[16+i*16+8:], uint64(len(b))) }
	}
	for name, f := range damage {
		b := append([]byte(nil), data...)
		f(b)
		_, err := Open(copyIndex(t, src, b))
		if err == nil || !strings.Contains(err.Error(), "rebuild") {
			t.Errorf("damaged %s: Open error %v, want one that says to rebuild", name, err)
		}
	}
	// A wrong format version says to rebuild too.
	b := append([]byte(nil), data...)
	binary.LittleEndian.PutUint32(b[8:], formatVersion+1)
	if _, err := Open(copyIndex(t, src, b)); err == nil || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("other version: %v", err)
	}
}

// Bytes damaged inside a section cannot all be detected without a
// checksum, but they must not crash Open or lookups.
func TestDamagedIndexDoesNotPanic(t *testing.T) {
	src := buildMini(t)
	data, err := os.ReadFile(filepath.Join(src, indexFileName))
	if err != nil {
		t.Fatal(err)
	}
	h, err := parseHeader(data)
	if err != nil {
		t.Fatal(err)
	}
	for sec := 0; sec < numSections; sec++ {
		s := h.sections[sec]
		if len(s) == 0 {
			continue
		}
		start := int(binary.LittleEndian.Uint64(data[16+sec*16:]))
		for _, at := range []int{0, len(s) / 2, len(s) - 1} {
			b := append([]byte(nil), data...)
			b[start+at] ^= 0xa5
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("section %d byte %d damaged: panic %v", sec, at, r)
					}
				}()
				ix, err := Open(copyIndex(t, src, b))
				if err != nil {
					return
				}
				for _, q := range []string{"Kyiv", "Paris", "Lyon", "Kharkov", "Khakiv", "Ukrainian", "x"} {
					ix.Lookup(q)
					ix.LookupFuzzy(q, 5)
					ix.DemonymCountry(q)
				}
				ix.Resolve([]Query{{Text: "Paris", Qualifiers: []string{"Texas"}}, {Text: "Kyiv"}}, nil)
			}()
		}
	}
}
