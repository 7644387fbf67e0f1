package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/geoparse/geoparse/extract"
)

// item is one unit of a batch: a document to extract, or the error that
// kept a line or file from becoming one. Either way it keeps its place in
// the batch so output order follows input order.
type item struct {
	seq int
	doc extract.Document
	src source
	err error
	// dup is set when the document repeated an earlier one's id and was
	// renamed.
	dup *duplicate
	// skipped marks a document --resume found in the output already:
	// only its dup warning is left to show.
	skipped bool
	done    chan struct{}
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
		files := []listed{{path: p}}
		if info.IsDir() {
			files = listDir(p)
		}
		for _, f := range files {
			if f.err != nil {
				if !emit(extract.Document{Source: f.path}, source{File: f.path}, f.err) {
					return
				}
				continue
			}
			if !readFile(f.path, mode, maxArticle, emit) {
				return
			}
		}
	}
}

// listed is a file of a folder to read, or what keeps it from being read.
type listed struct {
	path string
	err  error
}

// listDir returns the document files under dir (extract.InputExts, also
// gzip-compressed), sorted, so a batch over a folder is processed in the
// same order every time. What cannot be read is listed with its error
// rather than dropped: an unreadable subfolder, a dangling symbolic link,
// and a document file that is not a regular file (a named pipe would
// block the run until someone writes to it). Hidden folders are skipped.
func listDir(dir string) []listed {
	var files []listed
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			files = append(files, listed{path, cleanPathError(err)})
			if d != nil && d.IsDir() && path != dir {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !slices.Contains(extract.InputExts, extract.DocumentExt(path)) {
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			st, err := os.Stat(path)
			if err != nil {
				files = append(files, listed{path, fmt.Errorf("symbolic link to nothing readable: %w", cleanPathError(err))})
				return nil
			}
			mode = st.Mode().Type()
		}
		switch {
		case mode.IsRegular():
			files = append(files, listed{path: path})
		case mode.IsDir():
			// A linked folder is not walked: links could loop.
		default:
			files = append(files, listed{path, fmt.Errorf("not a regular file (%s); skipped", mode.Type().String())})
		}
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files
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
		for _, f := range listDir(p) {
			if f.err == nil {
				files = append(files, f.path)
			}
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
		switch {
		case mode.For(path) != modeJSONL:
			n++ // one document a file
			continue
		case strings.EqualFold(filepath.Ext(path), ".gz"):
			return 0 // its lines are not countable unread: no ETA
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
