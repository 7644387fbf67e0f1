package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/geoparse/geoparse/extract"
)

// An article over --max-article is skipped with an error naming its file
// (and line for JSONL); the rest of the batch comes out.
func TestMaxArticle(t *testing.T) {
	dir := t.TempDir()
	small := "Mayor Anna Keller visited Lyon on Monday after a fire destroyed warehouses near the harbor."
	big := strings.Repeat("The council met again in Lyon to discuss the harbor. ", 40) // ≈ 2 KB
	if err := os.WriteFile(filepath.Join(dir, "a-big.txt"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b-small.txt"), []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	var jl bytes.Buffer
	for i, text := range []string{small, big, small} {
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprint("j", i), "text": text})
		jl.Write(append(b, '\n'))
	}
	if err := os.WriteFile(filepath.Join(dir, "c.jsonl"), jl.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := run(t, "", "extract", "--published", "2024-05-07", "--format", "jsonl", "--max-article", "1KiB", dir)
	if !errors.Is(err, errReported) {
		t.Fatalf("err = %v, want errReported\n%s", err, stderr)
	}
	for _, want := range []string{"a-big.txt: file of", "c.jsonl:2: line larger than the --max-article limit of 1.0 KiB", "2 of 5 documents failed"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if docs := decodeJSONL(t, stdout); len(docs) != 3 {
		t.Errorf("%d documents out, want 3", len(docs))
	}
	// Stdin as text too.
	_, stderr, err = run(t, big, "extract", "--max-article", "1KiB", "-")
	if !errors.Is(err, errReported) || !strings.Contains(stderr, "stdin: text larger than") {
		t.Errorf("oversized stdin: err %v, stderr %s", err, stderr)
	}
	// The default lets the big one through, and a bad value is refused.
	if _, stderr, err := run(t, "", "extract", filepath.Join(dir, "a-big.txt")); err != nil {
		t.Errorf("default limit: %v\n%s", err, stderr)
	}
	if _, _, err := run(t, "", "extract", "--max-article", "lots", filepath.Join(dir, "b-small.txt")); err == nil || !strings.Contains(err.Error(), "--max-article") {
		t.Errorf("bad --max-article: %v", err)
	}
	t.Setenv("GEOPARSE_MAX_ARTICLE", "1KiB")
	if _, stderr, err := run(t, "", "extract", filepath.Join(dir, "a-big.txt")); !errors.Is(err, errReported) {
		t.Errorf("GEOPARSE_MAX_ARTICLE ignored: %v\n%s", err, stderr)
	}
}

// A JSONL line over the limit is skipped without keeping it whole: the
// reader's memory stays near the limit whatever the line's length.
func TestOversizedLineBoundedMemory(t *testing.T) {
	const limit = 64 << 10
	var in bytes.Buffer
	in.WriteString(`{"id":"big","text":"`)
	in.Write(bytes.Repeat([]byte("x"), 32<<20))
	in.WriteString("\"}\n{\"id\":\"ok\",\"text\":\"Kyiv.\"}\n")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var got []string
	readStream(bytes.NewReader(in.Bytes()), "in.jsonl", modeJSONL, limit, func(d extract.Document, src source, err error) bool {
		got = append(got, fmt.Sprintf("%s %v", src, err))
		return true
	})
	runtime.ReadMemStats(&after)
	if len(got) != 2 || !strings.Contains(got[0], "in.jsonl:1 line larger than") || got[1] != "in.jsonl:2 <nil>" {
		t.Errorf("got %q", got)
	}
	grew := after.TotalAlloc - before.TotalAlloc
	// A last line over the limit with no newline is reported too.
	got = got[:0]
	readStream(strings.NewReader(`{"text":"Kyiv."}`+"\n"+`{"text":"a long last line"}`), "t.jsonl", modeJSONL, 20, func(d extract.Document, src source, err error) bool {
		got = append(got, fmt.Sprintf("%s %v", src, err))
		return true
	})
	if len(got) != 2 || got[0] != "t.jsonl:1 <nil>" || !strings.HasPrefix(got[1], "t.jsonl:2 line larger than the --max-article limit of 20 B") {
		t.Errorf("unterminated long last line: got %q", got)
	}
	// Generous: the 32 MB line is never buffered whole.
	if grew > 8<<20 {
		t.Errorf("reading a 32 MB line with a 64 KB limit allocated %d MB", grew>>20)
	}
}

// Pathological documents finish, within a generous memory bound, and
// give spans inside the text.
func TestPathologicalInput(t *testing.T) {
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	nested := `{"id":"n","text":"Kyiv.","x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}"
	cases := map[string]string{
		"one 1 MB token":     strings.Repeat("a", 1<<20),
		"a million newlines": "Kyiv\n" + strings.Repeat("\n", 1<<20) + "Lviv",
		"NUL bytes":          strings.Repeat("Kyiv\x00on\x00Monday\x00", 20000),
		"mixed scripts":      strings.Repeat("Київ Kyiv 東京 مرحبا \u0301\u200b\ufeff Zürich ", 5000),
		"punctuation":        strings.Repeat(".,;:!?\"'()[]—", 40000),
		"capitals":           strings.Repeat("KYIV LVIV ODESA ", 10000),
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res, err := ex.Extract(context.Background(), extract.Document{ID: name, Text: text, Published: "2024-05-07"})
			runtime.ReadMemStats(&after)
			if err != nil && !errors.Is(err, extract.ErrEmptyText) {
				t.Fatal(err)
			}
			n := len([]rune(text))
			for _, p := range res.Places {
				if p.Start < 0 || p.End > n || p.Start > p.End {
					t.Fatalf("place span [%d,%d) outside %d runes", p.Start, p.End, n)
				}
			}
			// Very generous: allocation grows linearly, about 2.5 KB a
			// byte of text for a document that is all place names (see
			// TestPlaceListBoundedMemory); a quadratic blow-up on
			// 100 KB–1 MB inputs would be far over.
			limit := uint64(4000*len(text)) + 64<<20
			if grew := after.TotalAlloc - before.TotalAlloc; grew > limit {
				t.Errorf("%s: allocated %d MB for %d KB of text", name, grew>>20, len(text)>>10)
			}
		})
	}
	// Deeply nested JSON and invalid encodings in JSONL lines are errors
	// of their line, not crashes.
	var in bytes.Buffer
	in.WriteString(nested + "\n")
	in.WriteString("{\"id\":\"latin1\",\"text\":\"caf\xe9\"}\n")
	in.WriteString("{\"id\":\"utf16\",\"text\":\"\xff\xfeK\x00y\x00\"}\n")
	in.WriteString(`{"id":"surrogate","text":"\ud800 Kyiv"}` + "\n")
	var errs []string
	readStream(&in, "p.jsonl", modeJSONL, defaultMaxArticle, func(d extract.Document, src source, err error) bool {
		errs = append(errs, fmt.Sprintf("%s %v", src, err))
		return true
	})
	if len(errs) != 4 || !strings.HasPrefix(errs[1], "p.jsonl:2 text is not valid UTF-8") || !strings.HasPrefix(errs[2], "p.jsonl:3 text is not valid UTF-8") {
		t.Errorf("got %q", errs)
	}
}

// failWriter fails every write after the first n bytes.
type failWriter struct {
	n   int
	err error
}

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, w.err
	}
	w.n -= len(p)
	return len(p), nil
}

// A writer that fails part way (a full disk behind stdout) gives a clear
// error, not a silent partial output.
func TestOutputWriteFails(t *testing.T) {
	dir := t.TempDir()
	batch := writeBatch(t, dir, 40)
	var errb bytes.Buffer
	w := &failWriter{n: 1000, err: syscall.ENOSPC}
	cmd := newRootCommand(strings.NewReader(""), w, &errb)
	cmd.SetArgs([]string{"extract", "--format", "geojsonseq", batch})
	err := cmd.ExecuteContext(context.Background())
	if err == nil || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "write") {
		t.Fatalf("err = %v, want a write error with ENOSPC", err)
	}
	// The real thing, when the system has it.
	full, ferr := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if ferr != nil {
		return
	}
	defer full.Close()
	cmd = newRootCommand(strings.NewReader(""), full, &errb)
	cmd.SetArgs([]string{"extract", "--format", "geojsonseq", batch})
	if err := cmd.ExecuteContext(context.Background()); err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Errorf("stdout on /dev/full: err = %v", err)
	}
}

// -o where the file cannot be created: a clear error at once, before any
// work.
func TestOutputUnwritable(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	os.WriteFile(notDir, []byte("x"), 0o644)
	for _, out := range []string{filepath.Join(dir, "missing", "out.geojson"), filepath.Join(notDir, "out.geojson")} {
		_, _, err := run(t, "", "extract", "-o", out, fixture("lyon-floods.txt"))
		if err == nil || !strings.Contains(err.Error(), filepath.Dir(out)) {
			t.Errorf("-o %s: err = %v, want one naming the folder", out, err)
		}
	}
	if os.Geteuid() != 0 {
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o755)
		out := filepath.Join(ro, "events.geojson")
		os.WriteFile(out, []byte("previous"), 0o644)
		os.Chmod(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		if _, _, err := run(t, "", "extract", "-o", out, fixture("lyon-floods.txt")); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("-o into a read-only folder: err = %v", err)
		}
		if b, _ := os.ReadFile(out); string(b) != "previous" {
			t.Errorf("previous output changed to %.100q", b)
		}
	}
}

// A full disk under -o (a 64 KB tmpfs, when mount is permitted): the run
// fails with ENOSPC, the previous output is intact and no temp file is
// left.
func TestOutputDiskFull(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("needs root on Linux to mount a tmpfs")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("mount tmpfs not permitted: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	out := filepath.Join(mnt, "events.geojsonl")
	if err := os.WriteFile(out, []byte("previous\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	batch := writeBatch(t, t.TempDir(), 300) // ≈ 1 MB of GeoJSONSeq
	_, stderr, err := run(t, "", "extract", "--format", "geojsonseq", "-o", out, batch)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("err = %v, want ENOSPC\n%s", err, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous\n" {
		t.Errorf("previous output changed to %.100q", b)
	}
	if entries, _ := os.ReadDir(mnt); len(entries) != 1 {
		t.Errorf("temp files left behind: %v", entries)
	}
}

// An article that is one long comma list of place names is the worst case
// for memory: every name is a mention with candidates, and each mention
// has the names after it as "Paris, Texas" qualifiers. Its cost must stay
// linear: before the qualifiers were bounded and shared, 16 KB of it took
// 3.7 GB and 80 s. Measured since: about 1.3 KB of peak heap and 2.5 KB
// allocated per byte of text; the bounds are three times that. 128 KB
// keeps the test to a few seconds; the cost per byte is the same at 1 MB.
func TestPlaceListBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts a 128 KB worst-case article")
	}
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Paris", "Lyon", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "Kyiv", "Athens", "Lisbon", "Dublin"}
	var b strings.Builder
	for i := 0; b.Len() < 128<<10; i++ {
		b.WriteString(names[i%len(names)])
		b.WriteString(", ")
	}
	text := b.String()

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	// Peak heap, sampled; the samples stop the world briefly, so not too
	// often.
	stop, sampled := make(chan struct{}), make(chan uint64)
	go func() {
		var ms runtime.MemStats
		var peak uint64
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				sampled <- peak
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	res, err := ex.Extract(context.Background(), extract.Document{ID: "list", Text: text})
	close(stop)
	peak := <-sampled
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Places) < len(text)/10 {
		t.Errorf("%d places in %d bytes of place names", len(res.Places), len(text))
	}
	perByte := func(n uint64) float64 { return float64(n) / float64(len(text)) }
	grew := uint64(0)
	if peak > before.HeapInuse {
		grew = peak - before.HeapInuse
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d KB, %d places: peak heap +%d MB (%.0f B/B), allocated %d MB (%.0f B/B)",
		len(text)>>10, len(res.Places), grew>>20, perByte(grew), allocated>>20, perByte(allocated))
	if perByte(grew) > 4000 {
		t.Errorf("peak heap grew by %.0f bytes per byte of text, want under 4000", perByte(grew))
	}
	if perByte(allocated) > 7500 {
		t.Errorf("allocated %.0f bytes per byte of text, want under 7500", perByte(allocated))
	}
}

// runInterrupted runs extract on JSONL from stdin and interrupts it (as
// SIGINT does) after the lines were read, before the input ends.
func runInterrupted(t *testing.T, stdin string, args ...string) (stderr string, err error) {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var errb bytes.Buffer
	cmd := newRootCommand(pr, io.Discard, &errb)
	cmd.SetArgs(append(append([]string{"extract", "--input", "jsonl"}, args...), "-"))
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	if _, err := io.WriteString(pw, stdin); err != nil {
		t.Fatal(err)
	}
	cancel()
	pw.Close()
	err = <-done
	return errb.String(), err
}

// TestErrorsFileAtomic: --errors FILE is written like -o: whole at the end
// of a run, or not at all, the previous FILE kept; never half a file, and
// no temporary file is left.
func TestErrorsFileAtomic(t *testing.T) {
	const previous = "previous\n"
	const input = "{\"id\": \"broken\", \"text\": \n{\"id\":\"a\",\"text\":\"Floods hit Lyon on Monday.\"}\n"
	in := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, errs string) error
		// keeps: the run must leave the previous file as it was; else
		// it must hold the run's one error.
		keeps bool
	}{
		{"a run that ends replaces the file whole", func(t *testing.T, errs string) error {
			_, _, err := run(t, "", "extract", "--errors", errs, in)
			return err
		}, false},
		{"an interrupted run leaves the previous file", func(t *testing.T, errs string) error {
			stderr, err := runInterrupted(t, input, "--errors", errs)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("the run was not interrupted: %v\n%s", err, stderr)
			}
			return err
		}, true},
		{"a run whose output fails leaves the previous file", func(t *testing.T, errs string) error {
			cmd := newRootCommand(strings.NewReader(""), &failWriter{n: 10, err: syscall.ENOSPC}, io.Discard)
			cmd.SetArgs([]string{"extract", "--format", "geojsonseq", "--errors", errs, in})
			return cmd.ExecuteContext(t.Context())
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			errs := filepath.Join(dir, "errors.jsonl")
			if err := os.WriteFile(errs, []byte(previous), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := tc.run(t, errs); err == nil {
				t.Fatal("the run succeeded, though a document failed")
			}
			b, err := os.ReadFile(errs)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.keeps && string(b) != previous:
				t.Errorf("the previous errors file became %q", b)
			case !tc.keeps && (!strings.HasPrefix(string(b), `{"id":"","file":"`+in+`","line":1,"message":"malformed JSON`) || strings.Count(string(b), "\n") != 1):
				t.Errorf("errors file %q, want the one error of the run", b)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("temporary files left: %v", entries)
			}
		})
	}
	// A folder that cannot hold it fails the run at once, naming it, and
	// -o is not touched.
	dir := t.TempDir()
	out := filepath.Join(dir, "events.geojson")
	errs := filepath.Join(dir, "missing", "errors.jsonl")
	if _, _, err := run(t, "", "extract", "-o", out, "--errors", errs, in); err == nil || !strings.Contains(err.Error(), filepath.Dir(errs)) {
		t.Errorf("--errors in a missing folder: err = %v, want one naming it", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a run that could not open --errors left %v", entries)
	}
}

// TestStaleTempFiles: a run removes the temporary files that killed runs
// left beside its -o, --errors and resume settings files; not those of a
// run still writing, and nothing that is not such a file.
func TestStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "events.geojsonl")
	errs := filepath.Join(dir, "errors.jsonl")
	live, err := createOwned(out)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Abort()
	if !isTempOf(filepath.Base(live.TempName()), "events.geojsonl") {
		t.Fatalf("atomicfile names its temporary files otherwise now (%s): isTempOf must follow", live.TempName())
	}
	files := []struct {
		name, why string
		dir       bool
		removed   bool
	}{
		{name: ".events.geojsonl.tmp-123", why: "a killed run's output", removed: true},
		{name: ".errors.jsonl.tmp-4", why: "a killed run's --errors", removed: true},
		{name: ".events.geojsonl.geoparse.json.tmp-56", why: "a killed run's resume settings", removed: true},
		{name: filepath.Base(live.TempName()), why: "a live run's output"},
		{name: ".events.geojsonl.tmp-12a", why: "not os.CreateTemp's digits"},
		{name: ".events.geojsonl.tmp-", why: "no digits"},
		{name: "events.geojsonl.tmp-7", why: "not hidden"},
		{name: ".other.geojsonl.tmp-8", why: "another file's"},
		{name: ".events.geojsonl.tmp-9", why: "a folder", dir: true},
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		switch {
		case path == live.TempName():
		case f.dir:
			err = os.Mkdir(path, 0o755)
		default:
			err = os.WriteFile(path, []byte("half a line"), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	_, stderr, err := run(t, "", "extract", "--format", "geojsonseq", "-o", out, "--errors", errs, fixture("lyon-floods.txt"))
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr)
	}
	for _, f := range files {
		_, err := os.Stat(filepath.Join(dir, f.name))
		switch {
		case f.removed && err == nil:
			t.Errorf("%s (%s) was not removed", f.name, f.why)
		case !f.removed && err != nil:
			t.Errorf("%s (%s) was removed", f.name, f.why)
		}
	}
	if n := strings.Count(stderr, "left by a run that was killed"); n != 3 {
		t.Errorf("%d removals reported, want 3:\n%s", n, stderr)
	}
}

// TestKilledRunTemps kills a run with SIGKILL while it writes -o and
// --errors: neither is half written, the previous --errors stays, and of
// the temporary files it leaves, a run beside it while it lives removes
// none and the next run after its death removes both.
func TestKilledRunTemps(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t, t.TempDir())
	dir := t.TempDir()
	out := filepath.Join(dir, "events.geojsonl")
	errs := filepath.Join(dir, "errors.jsonl")
	temps := func() []string {
		var names []string
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if isTempOf(e.Name(), "events.geojsonl") || isTempOf(e.Name(), "errors.jsonl") {
				names = append(names, e.Name())
			}
		}
		return names
	}

	// The killed run reads stdin, so it waits for more, alive, as long
	// as the test wants; it logs the malformed line at once.
	killed := exec.Command(bin, "extract", "--input", "jsonl", "--format", "geojsonseq", "-o", out, "--errors", errs, "-")
	stdin, err := killed.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := killed.Start(); err != nil {
		t.Fatal(err)
	}
	defer killed.Process.Kill()
	io.WriteString(stdin, "{\"id\": \"broken\", \"text\": \n{\"id\":\"a\",\"text\":\"Floods hit Lyon on Monday.\"}\n")
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		logged := false
		for _, name := range temps() {
			if st, err := os.Stat(filepath.Join(dir, name)); err == nil && strings.HasPrefix(name, ".errors") && st.Size() > 0 {
				logged = true
			}
		}
		if logged {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the run wrote no error in 30 s; files: %v", temps())
		}
	}
	if n := len(temps()); n != 2 {
		t.Fatalf("the live run has %d temporary files, want 2: %v", n, temps())
	}

	// A run beside the live one leaves its files alone.
	_, stderr, err := run(t, "", "extract", "--format", "geojsonseq", "-o", out, "--errors", errs, fixture("lyon-floods.txt"))
	if err != nil || strings.Contains(stderr, "removed") {
		t.Fatalf("run beside a live one: %v\n%s", err, stderr)
	}
	if n := len(temps()); n != 2 {
		t.Fatalf("the run beside removed the live run's temporary files: %v left", temps())
	}
	previous, err := os.ReadFile(errs)
	if err != nil {
		t.Fatal(err)
	}

	killed.Process.Kill() // SIGKILL: no cleanup of any kind
	killed.Wait()
	if b, _ := os.ReadFile(errs); !bytes.Equal(b, previous) {
		t.Errorf("the killed run changed --errors from %q to %q", previous, b)
	}
	if n := len(temps()); n != 2 {
		t.Fatalf("the killed run left %d temporary files, want 2: %v", n, temps())
	}

	_, stderr, err = run(t, "", "extract", "--format", "geojsonseq", "-o", out, "--errors", errs, fixture("lyon-floods.txt"))
	if err != nil {
		t.Fatalf("run after the kill: %v\n%s", err, stderr)
	}
	if n := strings.Count(stderr, "left by a run that was killed"); n != 2 {
		t.Errorf("%d removals reported, want 2:\n%s", n, stderr)
	}
	if left := temps(); len(left) != 0 {
		t.Errorf("temporary files left after the next run: %v", left)
	}
}
