package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/geoparse/geoparse/extract"
)

// item is one unit of a batch: a document to extract, or the error that
// kept a line or file from becoming one. Either way it keeps its place in
// the batch so output order follows input order.
type item struct {
	seq  int
	doc  extract.Document
	src  source
	err  error
	done chan struct{}
	// filled by a worker
	res    extract.Result
	resErr error
}

// The CLI reads its inputs through package extract, which names
// documents and reports bad ones the same way for every reader of a batch
// (the Beam pipeline too); these names keep the CLI's code short.
type (
	source    = extract.Source
	inputMode = extract.InputMode
)

const (
	modeAuto  = extract.InputAuto
	modeText  = extract.InputText
	modeJSONL = extract.InputJSONL

	// defaultMaxArticle is the default of --max-article.
	defaultMaxArticle = extract.DefaultMaxArticle
)

func parseInputMode(s string) (inputMode, error) { return extract.ParseInputMode(s) }

// readInputs sends every document of paths (stdin when empty or "-") to
// emit, in order. A file or line that cannot be read is sent as an item
// with err set and reading goes on with the next one. maxArticle bounds
// one article (a text file, stdin as text, or a JSONL line); <= 0 means
// defaultMaxArticle.
func readInputs(ctx context.Context, paths []string, mode inputMode, maxArticle int64, stdin io.Reader, emit func(extract.Document, source, error) bool) {
	if maxArticle <= 0 {
		maxArticle = defaultMaxArticle
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if ctx.Err() != nil {
			return
		}
		if p == "-" {
			m := mode
			if m == modeAuto {
				m = modeText
			}
			if !readStream(stdin, "-", m, maxArticle, emit) {
				return
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if !emit(extract.Document{}, source{File: p}, cleanPathError(err)) {
				return
			}
			continue
		}
		files := []string{p}
		if info.IsDir() {
			files, err = listDir(p)
			if err != nil {
				if !emit(extract.Document{}, source{File: p}, err) {
					return
				}
				continue
			}
		}
		for _, f := range files {
			if !readFile(f, mode, maxArticle, emit) {
				return
			}
		}
	}
}

// listDir returns the .txt and .jsonl files under dir, sorted, so a batch
// over a folder is processed in the same order every time.
func listDir(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			switch strings.ToLower(filepath.Ext(path)) {
			case ".txt", ".jsonl", ".ndjson":
				files = append(files, path)
			}
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func readFile(path string, mode inputMode, maxArticle int64, emit func(extract.Document, source, error) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return emit(extract.Document{}, source{File: path}, cleanPathError(err))
	}
	defer f.Close()
	// A regular file's size lets an oversized text be skipped unread.
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return extract.ReadDocuments(f, extract.ReadOptions{Name: path, Mode: mode.For(path), Size: size, MaxArticle: maxArticle}, emit)
}

// readStream reads one text document, or a JSONL stream of documents, of
// unknown size (see extract.ReadDocuments).
func readStream(r io.Reader, name string, mode inputMode, maxArticle int64, emit func(extract.Document, source, error) bool) bool {
	return extract.ReadDocuments(r, extract.ReadOptions{Name: name, Mode: mode, MaxArticle: maxArticle}, emit)
}

func parseJSONLDocument(b []byte) (extract.Document, error) { return extract.UnmarshalDocument(b) }

// cleanPathError drops the operation name from an *fs.PathError: the
// caller already names the file.
func cleanPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// inputFiles lists the files of paths as readInputs reads them (folders
// expanded; stdin and unreadable paths left out).
func inputFiles(paths []string) []string {
	var files []string
	for _, p := range paths {
		if p == "-" {
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		if fs, err := listDir(p); err == nil {
			files = append(files, fs...)
		}
	}
	return files
}

// countDocuments counts the documents of the input files, for the
// progress bar's ETA: one a text file, one a non-blank line of a JSONL
// file. It returns 0 when stdin is among the inputs (it cannot be read
// twice) or ctx ends.
func countDocuments(ctx context.Context, paths []string, mode inputMode) int {
	if len(paths) == 0 {
		return 0
	}
	n := 0
	for _, p := range paths {
		if p == "-" {
			return 0
		}
	}
	for _, path := range inputFiles(paths) {
		if ctx.Err() != nil {
			return 0
		}
		if mode.For(path) == modeText {
			n++
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		br := bufio.NewReaderSize(f, 1<<16)
		blank := true
		for {
			b, err := br.ReadSlice('\n')
			if len(bytes.TrimSpace(b)) > 0 {
				blank = false
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if len(b) > 0 && b[len(b)-1] == '\n' || err != nil {
				if !blank {
					n++
				}
				blank = true
			}
			if err != nil {
				break
			}
		}
		f.Close()
	}
	return n
}
