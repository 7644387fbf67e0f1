package gazetteer

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
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
				ix, err := load(b, info, nil)
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

// Open checks the checksums of a version of an index file once and
// remembers it: a second open trusts the stamp, and any change to the file
// afterwards (rewritten in place, replaced, truncated) is checked again
// and refused. A file changed within racyWindow of the open is not
// remembered, since a later change could leave its times as they are.
func TestOpenRemembersVerification(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("no file identity on this system: every open checks")
	}
	src := buildMini(t)
	data, err := os.ReadFile(filepath.Join(src, indexFileName))
	if err != nil {
		t.Fatal(err)
	}
	dir := copyIndex(t, src, data)
	stampPath := filepath.Join(dir, verifiedFileName)
	// Just written: checked, and not remembered.
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !ix.checkedAtOpen {
		t.Error("first Open did not check the checksums")
	}
	if _, err := os.Stat(stampPath); err == nil {
		t.Errorf("Open of a file written just now left %s", verifiedFileName)
	}
	// As if later: checked once more, then remembered.
	later := func() time.Time { return time.Now().Add(2 * racyWindow) }
	if ix, err = openAt(dir, later); err != nil || !ix.checkedAtOpen {
		t.Fatalf("Open: %v, checked %v; want checked", err, ix != nil && ix.checkedAtOpen)
	}
	if _, err := os.Stat(stampPath); err != nil {
		t.Fatalf("no %s after a check: %v", verifiedFileName, err)
	}
	if ix, err = openAt(dir, later); err != nil || ix.checkedAtOpen {
		t.Fatalf("second Open: %v, checked %v; want the stamp trusted", err, ix != nil && ix.checkedAtOpen)
	}
	if err := ix.Verify(); err != nil {
		t.Errorf("Verify of an intact index: %v", err)
	}

	// A byte of the records changed in place, the length unchanged: the
	// next Open checks again and refuses the file. (The file system's
	// clock may tick coarsely: wait until the change shows in its times.)
	at := int64(sectionOffset(data, secRecords)) + int64(sectionOffset(data, secStrings)-sectionOffset(data, secRecords))/2
	path := filepath.Join(dir, indexFileName)
	before, _ := os.Stat(path)
	for i := 0; ; i++ {
		time.Sleep(10 * time.Millisecond)
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt([]byte{data[at] ^ 0x5a}, at); err != nil {
			t.Fatal(err)
		}
		f.Close()
		after, _ := os.Stat(path)
		if !after.ModTime().Equal(before.ModTime()) {
			break
		}
		if i == 100 {
			t.Skip("the file system keeps modification times of a second or more")
		}
	}
	if _, err := openAt(dir, later); err == nil || !strings.Contains(err.Error(), "records section checksum") || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Open after a byte changed in place: %v, want a records checksum mismatch and to rebuild", err)
	}

	// Put right, checked and remembered again; then replaced by a damaged
	// file of the same size and times: a new inode.
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err = openAt(dir, later); err != nil {
		t.Fatal(err)
	}
	if ix, err = openAt(dir, later); err != nil || ix.checkedAtOpen {
		t.Fatalf("Open of the mended index: %v, checked %v; want the stamp trusted", err, ix != nil && ix.checkedAtOpen)
	}
	bad := append([]byte(nil), data...)
	bad[at] ^= 0x5a
	if err := os.WriteFile(path+".new", bad, 0o644); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	os.Chtimes(path+".new", st.ModTime(), st.ModTime())
	if err := os.Rename(path+".new", path); err != nil {
		t.Fatal(err)
	}
	if _, err := openAt(dir, later); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("Open after the file was replaced by a damaged one: %v, want a checksum mismatch", err)
	}

	// The stamp of one file does not vouch for a truncated one.
	if err := os.Truncate(path, int64(len(data)-1)); err != nil {
		t.Fatal(err)
	}
	if _, err := openAt(dir, later); err == nil || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Open after truncation: %v, want an error that says to rebuild", err)
	}
}

// sectionOffset is where section sec starts in the index file data.
func sectionOffset(data []byte, sec int) int {
	return int(binary.LittleEndian.Uint64(data[16+sec*sectionEntrySize:]))
}

// Verify reads the whole file whatever Open remembered, and names the
// damaged section.
func TestVerifyFindsDamageOpenTrusted(t *testing.T) {
	src := buildMini(t)
	data, err := os.ReadFile(filepath.Join(src, indexFileName))
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.ReadFile(filepath.Join(src, infoFileName))
	bad := append([]byte(nil), data...)
	bad[sectionOffset(data, secStrings)+2] ^= 1
	ix, err := load(bad, info, nil) // as Open does when a stamp vouches for the file
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Verify(); err == nil || !strings.Contains(err.Error(), "strings section checksum") || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Verify = %v, want a strings checksum mismatch and to rebuild", err)
	}
}
