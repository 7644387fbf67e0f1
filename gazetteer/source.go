package gazetteer

import (
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"sync/atomic"
)

// source is the content of one input: the file itself, gunzipped, or, for a zip
// archive (as GeoNames publishes them: allCountries.zip, UA.zip,
// alternateNamesV2.zip …), its data member. Zip or plain is told from the
// content, not the name.
type source struct {
	path    string
	member  string // name inside the zip archive; "" for a plain file
	f       *os.File
	r       io.Reader
	rc      io.ReadCloser
	counter *int64 // if not nil, counts the bytes read from the file
}

// zipMagic starts every zip archive (a local file header), or an empty one.
const zipMagic, zipEmptyMagic = "PK\x03\x04", "PK\x05\x06"

func openSource(p string) (*source, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: input: %w", err)
	}
	s := &source{path: p, f: f}
	var magic [4]byte
	n, _ := io.ReadFull(f, magic[:])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("gazetteer: %s: %w", p, err)
	}
	if n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		// gzip, as postal-code mirrors ship them.
		zr, err := gzip.NewReader(countReader{f, s})
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("gazetteer: %s: not a readable gzip file: %w", p, err)
		}
		s.rc, s.r = zr, zr
		return s, nil
	}
	if n < 4 || (string(magic[:]) != zipMagic && string(magic[:]) != zipEmptyMagic) {
		s.r = countReader{f, s}
		return s, nil
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("gazetteer: %s: %w", p, err)
	}
	zr, err := zip.NewReader(countReaderAt{f, s}, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("gazetteer: %s: not a readable zip archive (truncated or damaged?): %w", p, err)
	}
	m, err := dataMember(zr.File)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("gazetteer: %s: %w", p, err)
	}
	rc, err := m.Open()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("gazetteer: %s: %s: %w", p, m.Name, err)
	}
	s.member, s.rc, s.r = m.Name, rc, rc
	return s, nil
}

// dataMember picks the member of a GeoNames archive that holds the data:
// one named like a GeoNames table, else the largest text file that is not
// a readme or the language code list that alternateNamesV2.zip carries.
func dataMember(files []*zip.File) (*zip.File, error) {
	var cands []*zip.File
	for _, f := range files {
		base := path.Base(f.Name)
		lb := strings.ToLower(base)
		if f.FileInfo().IsDir() || strings.HasPrefix(lb, "readme") || strings.HasPrefix(lb, "iso-languagecodes") || strings.HasPrefix(base, ".") {
			continue
		}
		if kindFromName(base) != kindUnknown {
			return f, nil
		}
		if strings.HasSuffix(lb, ".txt") || strings.HasSuffix(lb, ".csv") || strings.HasSuffix(lb, ".tsv") {
			cands = append(cands, f)
		}
	}
	if len(cands) == 0 {
		return nil, errors.New("zip archive holds no data file")
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].UncompressedSize64 > cands[j].UncompressedSize64 })
	return cands[0], nil
}

// Name names the source in messages: the file, or file!member for a zip.
func (s *source) Name() string {
	if s.member != "" {
		return s.path + "!" + s.member
	}
	return s.path
}

func (s *source) Read(p []byte) (int, error) { return s.r.Read(p) }

func (s *source) Close() error {
	if s.rc != nil {
		s.rc.Close()
	}
	return s.f.Close()
}

func (s *source) count(n int) {
	if s.counter != nil && n > 0 {
		atomic.AddInt64(s.counter, int64(n))
	}
}

type countReader struct {
	r io.Reader
	s *source
}

func (c countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.s.count(n)
	return n, err
}

type countReaderAt struct {
	r io.ReaderAt
	s *source
}

func (c countReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.s.count(n)
	return n, err
}
