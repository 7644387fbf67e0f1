package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"runtime/debug"
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
	// The body deadline starts now, before any answer: net/http reads
	// what a handler left of a body (up to 256 KB) before sending its
	// answer, to keep the connection, so even an early answer (busy, bad
	// query) waits for a slow client's body, and the deadline bounds that
	// wait too. Writers that cannot set deadlines
	// (httptest.ResponseRecorder) read from memory, where there is
	// nothing to wait for.
	rc := http.NewResponseController(w)
	if err := rc.SetReadDeadline(time.Now().Add(s.cfg.BodyTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		writeError(w, http.StatusInternalServerError, fmt.Sprintf("setting the body deadline: %v", err), 0)
		return
	}
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
	// When every slot is busy now, say so before receiving the body: the
	// answer would very likely be the same after it, and turning the
	// request away costs neither the upload nor its memory.
	if len(s.sem) == cap(s.sem) {
		busy(w)
		return
	}

	// Stage 1, receiving: no slot is held, so a slow client cannot keep
	// others out; the deadline and the byte budget bound what it costs.
	body, received, err := s.readBody(w, r, rc)
	defer received.release()
	if err != nil {
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			tooLarge(w, s.cfg.MaxBody)
		case isTimeout(err):
			// The rest of the body may still come: close rather than
			// read it.
			w.Header().Set("Connection", "close")
			writeError(w, http.StatusRequestTimeout, fmt.Sprintf("the request body was not received within %s", s.cfg.BodyTimeout), 0)
		case errors.Is(err, errReceiving):
			w.Header().Set("Connection", "close")
			busy(w)
		default:
			writeError(w, http.StatusBadRequest, "reading the body: "+err.Error(), 0)
		}
		return
	}

	// Stage 2, extracting, in a slot or 503 at once (no queue).
	sl := s.acquire()
	// From here the slot bounds this body's memory, not the budget.
	received.release()
	if sl == nil {
		busy(w)
		return
	}
	defer sl.release()
	docs, lines, rerr := parseBody(kind, body, q.Get("id"), s.cfg.MaxBatch)
	if rerr != nil {
		writeError(w, rerr.status, rerr.msg, rerr.line)
		return
	}
	for i := range docs {
		if int64(len(docs[i].Text)) > s.cfg.MaxArticle {
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

	// The extraction runs in its own goroutine so that the request can be
	// answered at the deadline even if the extraction is slow to notice
	// it; that goroutine holds the slot until it returns.
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	done := make(chan outcome, 1)
	sl.hold()
	go func() {
		defer sl.release()
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

	// Stage 3, answering, still in the slot (released by the deferred
	// call once the answer is written).
	s.writeResults(w, format, out.results)
}

// errReceiving is the error of a body read that would pass MaxReceiving.
var errReceiving = errors.New("too many request bodies being received at once")

// readBody reads the request body within MaxBody and the read deadline
// set on rc, counting its bytes against MaxReceiving as they arrive. The
// caller releases the returned reservation, also on error.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, rc *http.ResponseController) ([]byte, *reservation, error) {
	res := &reservation{b: &s.receiving}
	body, err := io.ReadAll(&budgetReader{r: http.MaxBytesReader(w, r.Body, s.cfg.MaxBody), res: res})
	if err != nil {
		return nil, res, err
	}
	// Once the body is read, net/http reads the connection in the
	// background to notice a client that goes away; a deadline passing
	// during the extraction would end that read and cancel the request's
	// context as if the client had gone. (It clears the deadline itself
	// when it sees the body's end, but not for a body that was empty from
	// the start, whose background read began before the deadline was set.)
	if err := rc.SetReadDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return nil, res, fmt.Errorf("clearing the body deadline: %w", err)
	}
	return body, res, nil
}

// isTimeout tells a read that passed its deadline.
func isTimeout(err error) bool {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	writeError(w, http.StatusServiceUnavailable, "busy: too many requests in progress; retry shortly", 0)
}

// writeResults encodes the results straight to the client, within
// WriteTimeout, while the caller holds its slot: an answer can be far
// larger than its request (one event a place of a long list of places),
// and building it in memory first, outside the slot, let a few requests
// take gigabytes.
func (s *Server) writeResults(w http.ResponseWriter, format string, results []extract.Result) {
	if err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		s.log.Warn("setting the write deadline", "error", err)
	}
	w.Header().Set("Content-Type", contentType(format))
	cw := &countingWriter{w: w}
	err := encode(cw, format, results)
	switch {
	case err == nil:
	case cw.err != nil:
		// The client went away or read too slowly: the connection is
		// broken and there is nobody to tell.
		s.log.Debug("writing the answer", "error", cw.err)
	case cw.n == 0:
		writeError(w, http.StatusInternalServerError, "encoding the answer: "+err.Error(), 0)
	default:
		// Part of the answer is sent: end the connection without the
		// final chunk, so that the client sees a broken answer rather
		// than a short one that looks whole.
		s.log.Error("encoding the answer", "error", err)
		panic(http.ErrAbortHandler)
	}
}

// countingWriter counts the bytes handed to the client and keeps the
// first write error, to tell an encoding failure from a broken connection.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
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
func (s *Server) run(ctx context.Context, extractDoc func(context.Context, extract.Document) (extract.Result, error), docs []extract.Document, lines []int) (out outcome) {
	// The extraction runs outside the handler's goroutine, where net/http
	// would have recovered a panic: recover it here too, so that one bad
	// document costs its request a 500, not the server its life.
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("extraction panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			out = outcome{err: errors.New("extraction failed: internal error (logged)")}
		}
	}()
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

// contentType is the Content-Type of an answer in format.
func contentType(format string) string {
	return geo.MediaType(format) + "; charset=utf-8"
}

// encode writes the results in format.
func encode(w io.Writer, format string, results []extract.Result) error {
	switch format {
	case FormatJSONL:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range results {
			if err := enc.Encode(geo.NewAnnotation(&results[i])); err != nil {
				return fmt.Errorf("annotation of document %d: %w", i+1, err)
			}
		}
		return nil
	case FormatGeoJSONSeq:
		gw := geo.NewSeqWriter(w)
		for i := range results {
			if err := gw.Write(geo.Records(&results[i])...); err != nil {
				return fmt.Errorf("features of document %d: %w", i+1, err)
			}
		}
		return gw.Close()
	}
	gw := geo.NewFeatureCollectionWriter(w)
	for i := range results {
		if err := gw.Write(geo.Records(&results[i])...); err != nil {
			return fmt.Errorf("features of document %d: %w", i+1, err)
		}
	}
	return gw.Close()
}
