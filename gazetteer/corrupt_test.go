package gazetteer

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
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
	// of the file, the section count, the magic; with the header checksum
	// left as it was, and made to match (so that the bounds checks behind
	// it are tried too).
	damage := map[string]func(b []byte){
		"magic":    func(b []byte) { b[0] ^= 0xff },
		"sections": func(b []byte) { binary.LittleEndian.PutUint32(b[12:], 3) },
	}
	for i := 0; i < numSections; i++ {
		damage[fmt.Sprint("offset of section ", i)] = func(b []byte) { binary.LittleEndian.PutUint64(b[16+i*sectionEntrySize:], uint64(len(b))+1) }
		damage[fmt.Sprint("length of section ", i)] = func(b []byte) { binary.LittleEndian.PutUint64(b[16+i*sectionEntrySize+8:], uint64(len(b))) }
		damage[fmt.Sprint("length of section ", i, " by one")] = func(b []byte) {
			e := b[16+i*sectionEntrySize+8:]
			binary.LittleEndian.PutUint64(e, binary.LittleEndian.Uint64(e)+1)
		}
	}
	fixCRC := func(b []byte) {
		binary.LittleEndian.PutUint32(b[headerSize-4:], crc32.Checksum(b[:headerSize-4], crcTable))
	}
	for name, f := range damage {
		for _, fix := range []bool{false, true} {
			b := append([]byte(nil), data...)
			f(b)
			if fix {
				fixCRC(b)
			}
			_, err := Open(copyIndex(t, src, b))
			if err == nil || !strings.Contains(err.Error(), "rebuild") {
				t.Errorf("damaged %s (checksum fixed: %v): Open error %v, want one that says to rebuild", name, fix, err)
			}
		}
	}
	// Bytes appended to the file.
	{
		b := append(append([]byte(nil), data...), 0)
		_, err := Open(copyIndex(t, src, b))
		if err == nil || !strings.Contains(err.Error(), "rebuild") {
			t.Errorf("a byte appended: Open error %v, want one that says to rebuild", err)
		}
	}
	// A wrong format version says to rebuild too.
	b := append([]byte(nil), data...)
	binary.LittleEndian.PutUint32(b[8:], formatVersion+1)
	if _, err := Open(copyIndex(t, src, b)); err == nil || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("other version: %v", err)
	}
}

// A byte damaged anywhere in a section is caught by its checksum at Open,
// with a message that names the section and says to rebuild. Read
// without the checksums (as the embedded index is), damage must not crash
// lookups either.
func TestDamagedIndexDetected(t *testing.T) {
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
		start := int(binary.LittleEndian.Uint64(data[16+sec*sectionEntrySize:]))
		for _, at := range []int{0, len(s) / 2, len(s) - 1} {
			b := append([]byte(nil), data...)
			b[start+at] ^= 0xa5
			_, err := Open(copyIndex(t, src, b))
			if err == nil || !strings.Contains(err.Error(), "rebuild") || !strings.Contains(err.Error(), sectionNames[sec]+" section checksum") {
				t.Errorf("section %s byte %d damaged: Open error %v, want a checksum mismatch of that section and to rebuild", sectionNames[sec], at, err)
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("section %d byte %d damaged: panic %v", sec, at, r)
					}
				}()
				info, _ := os.ReadFile(filepath.Join(src, infoFileName))
				ix, err := load(b, info, infoFileName, false)
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

// The embedded index is not checked at each start (Default); its
// checksums are checked here, so that a damaged commit of it fails.
func TestDefaultChecksums(t *testing.T) {
	h, err := parseHeader(stringBytes(defaultIndex))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.verify(); err != nil {
		t.Fatal(err)
	}
	ix, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Verify(); err != nil {
		t.Errorf("Verify of the embedded index: %v", err)
	}
}

// Open checks every section each time: nothing remembered from an
// earlier open (the verified.json of earlier versions is ignored) vouches
// for a file changed since, even one whose size and times are the same.
func TestOpenChecksEveryTime(t *testing.T) {
	src := buildMini(t)
	data, err := os.ReadFile(filepath.Join(src, indexFileName))
	if err != nil {
		t.Fatal(err)
	}
	dir := copyIndex(t, src, data)
	path := filepath.Join(dir, indexFileName)
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
	// A byte of the records changed in place, size and times as they
	// were, with a stamp as earlier versions wrote it beside the index.
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	at := int64(sectionOffset(data, secRecords)) + int64(sectionOffset(data, secStrings)-sectionOffset(data, secRecords))/2
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{data[at] ^ 0x5a}, at); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, staleVerifiedFileName), []byte(`{"format_version":6}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "records section checksum") || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Open after a byte changed in place: %v, want a records checksum mismatch and to rebuild", err)
	}
	// Truncated by one byte.
	if err := os.WriteFile(path, data[:len(data)-1], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Open after truncation: %v, want an error that says to rebuild", err)
	}
}

// An opened index answers from what Open read: the files changed,
// truncated or replaced afterwards change nothing, and reading the
// truncated file's place does not fault (a memory-mapped index died of
// SIGBUS there). The server-level test is server/index_change_test.go.
func TestOpenedIndexIgnoresLaterFileChanges(t *testing.T) {
	dir := buildMini(t)
	other := filepath.Join(t.TempDir(), "other")
	// Another build: Ukraine only, so Paris is not in it.
	if err := Build(context.Background(), BuildOptions{Out: other, Inputs: []string{miniDir}, Countries: []string{"UA"}}); err != nil {
		t.Fatal(err)
	}
	otherData, err := os.ReadFile(filepath.Join(other, indexFileName))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"Paris", "Kharkiv", "Izium", "Kyiv", "Wroclaw", "Dallas"}
	want := map[string][]Entry{}
	for _, q := range queries {
		want[q] = ix.Lookup(q)
	}
	if len(want["Paris"]) == 0 {
		t.Fatal("the fixture has no Paris")
	}
	path := filepath.Join(dir, indexFileName)
	changes := []struct {
		name string
		do   func() error
	}{
		{"truncated to nothing", func() error { return os.Truncate(path, 0) }},
		{"overwritten in place by another build", func() error {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt(otherData, 0)
			return err
		}},
		{"replaced by another build's file (rename)", func() error {
			if err := os.WriteFile(path+".new", otherData, 0o644); err != nil {
				return err
			}
			return os.Rename(path+".new", path)
		}},
		{"removed with its folder", func() error { return os.RemoveAll(dir) }},
	}
	for _, c := range changes {
		if err := c.do(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, q := range queries {
			if got := ix.Lookup(q); !reflect.DeepEqual(got, want[q]) {
				t.Errorf("%s: Lookup(%q) = %v, want %v as before", c.name, q, ids(got), ids(want[q]))
			}
		}
		if err := ix.Verify(); err != nil {
			t.Errorf("%s: Verify: %v", c.name, err)
		}
	}
}

// sectionOffset is where section sec starts in the index file data.
func sectionOffset(data []byte, sec int) int {
	return int(binary.LittleEndian.Uint64(data[16+sec*sectionEntrySize:]))
}

// Verify checks every section of an index that was loaded without its
// checksums (as the embedded one is), and names the damaged section.
func TestVerifyFindsDamageNotChecked(t *testing.T) {
	src := buildMini(t)
	data, err := os.ReadFile(filepath.Join(src, indexFileName))
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.ReadFile(filepath.Join(src, infoFileName))
	bad := append([]byte(nil), data...)
	bad[sectionOffset(data, secStrings)+2] ^= 1
	ix, err := load(bad, info, infoFileName, false) // as Default does
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Verify(); err == nil || !strings.Contains(err.Error(), "strings section checksum") || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Verify = %v, want a strings checksum mismatch and to rebuild", err)
	}
}
