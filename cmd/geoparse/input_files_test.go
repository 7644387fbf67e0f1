package main

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFolderInputs: a folder's .json and gzip-compressed files are read
// like the same files given directly; a named pipe and a dangling link are
// reported and skipped (a pipe would block the run); the rest of the
// folder still comes out.
func TestFolderInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", "{\n  \"id\": \"pretty\",\n  \"text\": \"Floods hit Lyon on Monday.\"\n}\n")
	write("b.jsonl", "\ufeff{\"id\":\"bom\",\"text\":\"Snow fell in Oslo on Monday.\"}\r{\"id\":\"cr\",\"text\":\"Fire in Nice on Monday.\"}\r")
	f, err := os.Create(filepath.Join(dir, "c.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte("{\"id\":\"gz\",\"text\":\"Storms hit Porto on Monday.\"}\n"))
	zw.Close()
	f.Close()
	if err := syscall.Mkfifo(filepath.Join(dir, "d.jsonl"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "e.txt")); err != nil {
		t.Fatal(err)
	}
	write("notes.md", "not an article")

	type result struct {
		stdout, stderr string
		err            error
	}
	done := make(chan result, 1)
	go func() {
		stdout, stderr, err := run(t, "", "extract", "--published", "2024-05-07", "--format", "jsonl", dir)
		done <- result{stdout, stderr, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the run hung (on the named pipe?)")
	}
	var ids []string
	for _, d := range decodeJSONL(t, r.stdout) {
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, ","); got != "pretty,bom,cr,gz" {
		t.Errorf("documents %s, want pretty,bom,cr,gz\n%s", got, r.stderr)
	}
	for _, want := range []string{"d.jsonl: not a regular file (p", "e.txt: symbolic link to nothing readable", "2 of 6 documents failed"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.err == nil {
		t.Error("exit status 0 with failed inputs")
	}
}
