package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/gazetteer"
)

// indexChangeText names three places of the gazetteer fixture, all in
// Ukraine; the other build below has none of them.
const indexChangeText = "Russian shelling hit Kharkiv and Izium on Monday, officials in Kyiv said."

// A server keeps answering from the index it opened, whatever happens to
// the index's files while it runs: truncated (a memory-mapped index died
// of SIGBUS here, taking the process down; the fault would end this test
// binary), overwritten in place by another build or by zeros (which gave
// 200 responses without features), replaced by another build's files,
// removed. Requests run while each change is made, and after it; every
// one must get 200 with the features of the first request.
func TestIndexFilesChangedUnderRunningServer(t *testing.T) {
	tmp := t.TempDir()
	dir, other := filepath.Join(tmp, "idx"), filepath.Join(tmp, "other")
	mini := filepath.Join("..", "gazetteer", "testdata", "mini")
	if err := gazetteer.Build(context.Background(), gazetteer.BuildOptions{Out: dir, Inputs: []string{mini}}); err != nil {
		t.Fatal(err)
	}
	if err := gazetteer.Build(context.Background(), gazetteer.BuildOptions{Out: other, Inputs: []string{mini}, Countries: []string{"PL"}}); err != nil {
		t.Fatal(err)
	}
	ix, err := gazetteer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := extract.New(extract.WithGazetteer(ix))
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTestServer(t, Config{Extractor: ex})
	client := &http.Client{Timeout: 30 * time.Second}

	// features returns the features of one extraction of the text, or
	// what went wrong.
	features := func() (string, error) {
		resp, err := client.Post(ts.URL+"/v1/extract", "text/plain", strings.NewReader(indexChangeText))
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return "", err
		}
		if resp.StatusCode != http.StatusOK {
			return "", fmt.Errorf("status %d: %s", resp.StatusCode, b)
		}
		var fc struct {
			Features []json.RawMessage `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			return "", fmt.Errorf("%v: %s", err, b)
		}
		var out bytes.Buffer
		for _, f := range fc.Features {
			out.Write(f)
			out.WriteByte('\n')
		}
		return out.String(), nil
	}
	want, err := features()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`"geonameid":706483`, `"geonameid":707292`, `"geonameid":703448`} { // Kharkiv, Izium, Kyiv
		if !strings.Contains(want, id) {
			t.Fatalf("the first response has no feature with %s:\n%s", id, want)
		}
	}

	idxPath, infoPath := filepath.Join(dir, "gazetteer.idx"), filepath.Join(dir, "info.json")
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	data := read(idxPath)
	otherIdx, otherInfo := read(filepath.Join(other, "gazetteer.idx")), read(filepath.Join(other, "info.json"))
	if len(otherIdx) >= len(data) {
		t.Fatalf("the other build (%d bytes) is not smaller than the index (%d bytes): overwriting in place would not shorten it", len(otherIdx), len(data))
	}
	writeInPlace := func(b []byte) error {
		f, err := os.OpenFile(idxPath, os.O_WRONLY, 0) // the same inode, not truncated first
		if err != nil {
			return err
		}
		if _, err := f.WriteAt(b, 0); err != nil {
			f.Close()
			return err
		}
		if err := f.Truncate(int64(len(b))); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	replace := func(p string, b []byte) error {
		if err := os.WriteFile(p+".new", b, 0o644); err != nil {
			return err
		}
		return os.Rename(p+".new", p)
	}
	changes := []struct {
		name string
		do   func() error
	}{
		{"index truncated to half", func() error { return os.Truncate(idxPath, int64(len(data)/2)) }},
		{"index truncated to nothing", func() error { return os.Truncate(idxPath, 0) }},
		{"index restored, then overwritten in place with zeros", func() error {
			if err := writeInPlace(data); err != nil {
				return err
			}
			return writeInPlace(make([]byte, len(data)))
		}},
		{"index overwritten in place by another build's (shorter)", func() error { return writeInPlace(otherIdx) }},
		{"index replaced by another build's (rename)", func() error { return replace(idxPath, otherIdx) }},
		{"info.json replaced by another build's", func() error { return replace(infoPath, otherInfo) }},
		{"index folder removed", func() error { return os.RemoveAll(dir) }},
	}
	for _, c := range changes {
		// Clients keep asking while the change is made, until a while
		// after it (at most 5000 requests each, 10 s, whatever happens).
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			failures []string
			n, after int
			changed  atomic.Bool
		)
		check := func(late bool) {
			got, err := features()
			mu.Lock()
			defer mu.Unlock()
			n++
			if late {
				after++
			}
			if err != nil {
				failures = append(failures, err.Error())
			} else if got != want {
				failures = append(failures, "features differ:\n"+got)
			}
		}
		stop := make(chan struct{})
		deadline := time.Now().Add(10 * time.Second)
		for g := 0; g < 3; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 5000 && time.Now().Before(deadline); i++ {
					select {
					case <-stop:
						return
					default:
					}
					check(changed.Load())
				}
			}()
		}
		time.Sleep(20 * time.Millisecond)
		err := c.do()
		changed.Store(true)
		time.Sleep(50 * time.Millisecond)
		close(stop)
		wg.Wait()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i := 0; i < 5; i++ { // and once all is quiet
			check(true)
		}
		if len(failures) > 0 {
			t.Errorf("%s: %d of %d requests failed; the first: %s", c.name, len(failures), n, failures[0])
		} else {
			t.Logf("%s: %d requests (%d after the change), all with the first response's features", c.name, n, after)
		}
	}
}
