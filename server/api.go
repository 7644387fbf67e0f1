package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/geo"
)

// Output formats of POST /v1/extract (?format=): those of package geo.
const (
	FormatGeoJSON    = geo.FormatGeoJSON
	FormatGeoJSONSeq = geo.FormatGeoJSONSeq
	FormatJSONL      = geo.FormatJSONL
)

// input kinds, from the Content-Type.
const (
	inputText  = "text"
	inputJSON  = "json"
	inputJSONL = "jsonl"
)

// inputKind maps a Content-Type to how the body is read; "" for an
// unsupported type. No Content-Type means text, and so does
// application/x-www-form-urlencoded, what curl -d sends unless told: the
// body is read as the article itself, not decoded as a form.
func inputKind(ct string) string {
	if strings.TrimSpace(ct) == "" {
		return inputText
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	switch mt {
	case "text/plain",
		// curl --data-binary's default: the body is taken as it is.
		"application/x-www-form-urlencoded":
		return inputText
	case "application/json":
		return inputJSON
	case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonl",
		"application/jsonlines", "application/x-jsonlines", "application/json-lines":
		return inputJSONL
	}
	return ""
}

// requestError is an error answered with a status and a line.
type requestError struct {
	status int
	msg    string
	line   int
}

func (e *requestError) Error() string { return e.msg }

func badRequest(line int, format string, args ...any) *requestError {
	return &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...), line: line}
}

// outcome is what the extraction goroutine hands back.
type outcome struct {
	results []extract.Result
	err     error
}

func (s *Server) handleExtract(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		methodNotAllowed(w, "POST")
		return
	}
	q := r.URL.Query()
	format := strings.ToLower(q.Get("format"))
	if format == "" {
		format = FormatGeoJSON
	}
	switch format {
	case FormatGeoJSON, FormatGeoJSONSeq, FormatJSONL:
	default:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("format %q: want geojson, geojsonseq or jsonl", format), 0)
		return
	}
	published := strings.TrimSpace(q.Get("published"))
	if published != "" {
		if _, err := extract.ParsePublished(published); err != nil {
			writeError(w, http.StatusBadRequest, err.Error(), 0)
			return
		}
	}
	extractDoc := s.extract
	if roles := strings.TrimSpace(q.Get("roles")); roles != "" {
		ex, err := s.cfg.Extractor.ForRoles(strings.Split(roles, ",")...)
		if err != nil {
			writeError(w, http.StatusBadRequest, "roles: "+err.Error(), 0)
			return
		}
		extractDoc = ex.Extract
	}
	kind := inputKind(r.Header.Get("Content-Type"))
	if kind == "" {
		writeError(w, http.StatusUnsupportedMediaType,
			fmt.Sprintf("content type %q: want text/plain, application/json or application/x-ndjson", r.Header.Get("Content-Type")), 0)
		return
	}
	if r.ContentLength > s.cfg.MaxBody {
		tooLarge(w, s.cfg.MaxBody)
		return
	}

	// Bounded concurrency: a slot or 503 at once. The slot is held until
	// the extraction itself ends, even when the request gave up on it.
	select {
	case s.sem <- struct{}{}:
	default:
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "busy: too many requests in progress; retry shortly", 0)
		return
	}
	release := func() { <-s.sem }

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		release()
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			tooLarge(w, s.cfg.MaxBody)
			return
		}
		writeError(w, http.StatusBadRequest, "reading the body: "+err.Error(), 0)
		return
	}
	docs, lines, rerr := parseBody(kind, body, q.Get("id"), s.cfg.MaxBatch)
	if rerr != nil {
		release()
		writeError(w, rerr.status, rerr.msg, rerr.line)
		return
	}
	for i := range docs {
		if int64(len(docs[i].Text)) > s.cfg.MaxArticle {
			release()
			line := 0
			if i < len(lines) {
				line = lines[i]
			}
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("article of %d bytes over the limit of %d bytes", len(docs[i].Text), s.cfg.MaxArticle), line)
			return
		}
		if docs[i].Published == "" && published != "" {
			docs[i].Published = published
		}
	}

	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	done := make(chan outcome, 1)
	go func() {
		defer release()
		done <- s.run(ctx, extractDoc, docs, lines)
	}()
	var out outcome
	select {
	case out = <-done:
	case <-ctx.Done():
		// Prefer a result that landed at the deadline.
		select {
		case out = <-done:
		default:
			out.err = ctx.Err()
		}
	}
	if out.err != nil {
		var re *requestError
		switch {
		case errors.As(out.err, &re):
			writeError(w, re.status, re.msg, re.line)
		case r.Context().Err() != nil:
			// The client went away: nobody to answer.
			w.WriteHeader(499)
		case errors.Is(out.err, context.DeadlineExceeded):
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter(s.cfg.Timeout)))
			writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("timed out after %s", s.cfg.Timeout), 0)
		default:
			writeError(w, http.StatusInternalServerError, out.err.Error(), 0)
		}
		return
	}
	var buf bytes.Buffer
	ctype, err := encode(&buf, format, out.results)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error(), 0)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
}

func retryAfter(d time.Duration) int {
	if s := int(d / time.Second); s > 1 {
		return s
	}
	return 1
}

func tooLarge(w http.ResponseWriter, limit int64) {
	// The rest of an oversized body is not read: close the connection
	// rather than drain it.
	w.Header().Set("Connection", "close")
	writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over the limit of %d bytes", limit), 0)
}

// run extracts the documents in order, stopping at the deadline. lines,
// when set, numbers the documents of a batch for error messages.
func (s *Server) run(ctx context.Context, extractDoc func(context.Context, extract.Document) (extract.Result, error), docs []extract.Document, lines []int) outcome {
	results := make([]extract.Result, 0, len(docs))
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return outcome{err: err}
		}
		res, err := extractDoc(ctx, d)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				return outcome{err: err}
			}
			line := 0
			if i < len(lines) {
				line = lines[i]
			}
			return outcome{err: badRequest(line, "%v", err)}
		}
		results = append(results, res)
	}
	return outcome{results: results}
}

// parseBody reads the documents of a request body.
// lines holds the line number of each document of a JSONL batch (nil
// otherwise).
func parseBody(kind string, body []byte, id string, maxBatch int) (docs []extract.Document, lines []int, _ *requestError) {
	switch kind {
	case inputText:
		if err := checkText(body); err != nil {
			return nil, nil, badRequest(0, "%v", err)
		}
		return []extract.Document{{ID: id, Text: string(body)}}, nil, nil
	case inputJSON:
		if !utf8.Valid(body) {
			return nil, nil, badRequest(0, "%v", extract.ErrInvalidUTF8)
		}
		d, err := parseDocument(body)
		if err != nil {
			return nil, nil, badRequest(0, "%v", err)
		}
		if d.ID == "" {
			d.ID = id
		}
		return []extract.Document{d}, nil, nil
	}
	// JSONL: one document a non-blank line.
	for i, l := range bytes.Split(body, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 {
			continue
		}
		if len(docs) == maxBatch {
			return nil, nil, &requestError{status: http.StatusRequestEntityTooLarge, msg: fmt.Sprintf("batch over %d documents", maxBatch), line: i + 1}
		}
		if !utf8.Valid(l) {
			return nil, nil, badRequest(i+1, "%v", extract.ErrInvalidUTF8)
		}
		d, err := parseDocument(l)
		if err != nil {
			return nil, nil, badRequest(i+1, "%v", err)
		}
		docs = append(docs, d)
		lines = append(lines, i+1)
	}
	if len(docs) == 0 {
		return nil, nil, badRequest(0, "no documents: the body is empty")
	}
	return docs, lines, nil
}

func parseDocument(b []byte) (extract.Document, error) {
	doc, err := extract.UnmarshalDocument(b)
	if errors.Is(err, extract.ErrMultipleValues) {
		err = fmt.Errorf("%w (send a batch as application/x-ndjson)", err)
	}
	return doc, err
}

func checkText(b []byte) error { return extract.CheckText(string(b)) }

// encode writes the results in format and returns the Content-Type.
func encode(w io.Writer, format string, results []extract.Result) (string, error) {
	switch format {
	case FormatJSONL:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range results {
			if err := enc.Encode(geo.NewAnnotation(&results[i])); err != nil {
				return "", err
			}
		}
		return geo.MediaType(FormatJSONL) + "; charset=utf-8", nil
	case FormatGeoJSONSeq:
		gw := geo.NewSeqWriter(w)
		for i := range results {
			if err := gw.Write(geo.Records(&results[i])...); err != nil {
				return "", err
			}
		}
		return geo.MediaType(FormatGeoJSONSeq) + "; charset=utf-8", gw.Close()
	}
	gw := geo.NewFeatureCollectionWriter(w)
	for i := range results {
		if err := gw.Write(geo.Records(&results[i])...); err != nil {
			return "", err
		}
	}
	return geo.MediaType(FormatGeoJSON) + "; charset=utf-8", gw.Close()
}
