package server

// The browser test drives the Debian chromium through chromedriver (the
// chromium-driver package) over the W3C WebDriver protocol: plain JSON
// over HTTP on loopback, so it needs no Go dependency. It starts the
// server, pastes a fixture article, waits for the markers, checks their
// count against the API's answer and a popup's text, and saves a
// screenshot: under -outputdir with `go test -artifacts`, otherwise in a
// temporary folder (GEOPARSE_SCREENSHOT_DIR overrides both).
//
// Without chromium and chromedriver it skips, except under CI=true,
// where it fails.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// findBrowser returns the chromedriver and chromium binaries.
func findBrowser(t *testing.T) (driver, browser string) {
	t.Helper()
	need := func(names ...string) string {
		for _, n := range names {
			if p, err := exec.LookPath(n); err == nil {
				return p
			}
		}
		msg := fmt.Sprintf("%s not found (Debian: apt-get install chromium chromium-driver)", names[0])
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
		return ""
	}
	driver = need("chromedriver")
	browser = need("chromium", "chromium-browser", "google-chrome")
	return driver, browser
}

// webDriver is a minimal W3C WebDriver client: one session.
type webDriver struct {
	t       *testing.T
	base    string // http://127.0.0.1:PORT/session/ID
	client  *http.Client
	timeout time.Duration
}

func (wd *webDriver) call(method, path string, in any, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, wd.base+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := wd.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return fmt.Errorf("%s %s: %d %.300s", method, path, resp.StatusCode, b)
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("%s %s: %d %.500s", method, path, resp.StatusCode, env.Value)
	}
	if out != nil {
		return json.Unmarshal(env.Value, out)
	}
	return nil
}

func (wd *webDriver) must(method, path string, in, out any) {
	wd.t.Helper()
	if err := wd.call(method, path, in, out); err != nil {
		wd.t.Fatal(err)
	}
}

// exec runs script in the page with args and decodes its result into out.
func (wd *webDriver) exec(out any, script string, args ...any) {
	wd.t.Helper()
	wd.execute("/execute/sync", out, script, args)
}

// execute posts script and args to one of WebDriver's script endpoints.
func (wd *webDriver) execute(endpoint string, out any, script string, args []any) {
	wd.t.Helper()
	if args == nil {
		args = []any{}
	}
	wd.must("POST", endpoint, map[string]any{"script": script, "args": args}, out)
}

// element finds one element by CSS selector; "" when there is none.
func (wd *webDriver) element(css string) string {
	var v map[string]string
	if err := wd.call("POST", "/element", map[string]any{"using": "css selector", "value": css}, &v); err != nil {
		return ""
	}
	for _, id := range v { // the key is the W3C element identifier
		return id
	}
	return ""
}

// waitFor polls cond until it holds or the time is up.
func (wd *webDriver) waitFor(what string, cond func() bool) {
	wd.t.Helper()
	deadline := time.Now().Add(wd.timeout)
	for !cond() {
		if time.Now().After(deadline) {
			wd.screenshot("timeout.png")
			wd.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (wd *webDriver) screenshot(name string) string {
	wd.t.Helper()
	var b64 string
	if err := wd.call("GET", "/screenshot", nil, &b64); err != nil {
		wd.t.Log("screenshot:", err)
		return ""
	}
	png, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		wd.t.Log("screenshot:", err)
		return ""
	}
	dir := os.Getenv("GEOPARSE_SCREENSHOT_DIR")
	if dir == "" {
		dir = wd.t.ArtifactDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		wd.t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		wd.t.Fatal(err)
	}
	wd.t.Logf("screenshot: %s", p)
	return p
}

// startDriver starts chromedriver on a free loopback port and opens a
// headless chromium session.
func startDriver(t *testing.T, driver, browser string) *webDriver {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	var logs syncBuffer
	cmd := exec.Command(driver, fmt.Sprintf("--port=%d", port), "--allowed-ips=127.0.0.1")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("chromedriver output:\n%s", logs.String())
		}
	})
	root := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: 60 * time.Second}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := client.Get(root + "/status")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromedriver did not start: %v\n%s", err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	profile := t.TempDir()
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		"goog:chromeOptions": map[string]any{
			"binary": browser,
			"args": []string{
				"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
				"--window-size=1400,1000", "--user-data-dir=" + profile,
			},
		},
	}}}
	wd := &webDriver{t: t, base: root, client: client, timeout: 60 * time.Second}
	var sess struct {
		SessionID string `json:"sessionId"`
	}
	wd.must("POST", "/session", caps, &sess)
	wd.base = root + "/session/" + sess.SessionID
	t.Cleanup(func() { wd.call("DELETE", "", nil, nil) })
	return wd
}

func TestBrowserMapPage(t *testing.T) {
	driver, browser := findBrowser(t)
	_, ts := newTestServer(t, Config{}) // no tiles: the offline map
	text := fixtureText(t)
	const published = "2024-08-22"

	// What the API says: the distinct places with coordinates.
	doc, _ := json.Marshal(map[string]string{"id": "article", "text": text, "published": published})
	resp, body := do(t, "POST", ts.URL+"/v1/extract?format=jsonl", "application/json", bytes.NewReader(doc))
	if resp.StatusCode != 200 {
		t.Fatalf("API: %d %s", resp.StatusCode, body)
	}
	var ann struct {
		Events []struct {
			GeoNameID *int64   `json:"geonameid"`
			Place     string   `json:"place"`
			Date      string   `json:"date"`
			Type      string   `json:"type"`
			Lat       *float64 `json:"lat"`
		} `json:"events"`
	}
	if err := json.Unmarshal(body, &ann); err != nil {
		t.Fatal(err)
	}
	places := map[int64]string{}
	for _, e := range ann.Events {
		if e.GeoNameID != nil && e.Lat != nil {
			places[*e.GeoNameID] = e.Place
		}
	}
	if len(places) == 0 {
		t.Fatal("the API mapped no place in the fixture")
	}
	const patras = 255683
	if places[patras] != "Pátra" {
		t.Fatalf("no Pátra (%d) among the mapped places %v", patras, places)
	}

	wd := startDriver(t, driver, browser)
	wd.setWindow(1366, 768) // a common laptop screen: the layout checks below hold there
	wd.must("POST", "/url", map[string]string{"url": ts.URL + "/"}, nil)
	wd.waitFor("the map", func() bool { return wd.element(".leaflet-container") != "" })
	// Without tiles the page draws the shipped country outlines.
	wd.waitFor("the country outlines", func() bool {
		var n int
		wd.exec(&n, `return document.querySelectorAll(".leaflet-overlay-pane path").length`)
		return n > 100
	})

	// Paste the article: set the textarea as a paste would, and fire the
	// input event.
	wd.exec(nil, `var ta = document.getElementById("text"); ta.focus(); ta.value = arguments[0];
		ta.dispatchEvent(new Event("input", {bubbles: true}));
		document.getElementById("published").value = arguments[1];`, text, published)
	wd.must("POST", "/element/"+wd.element("#extract")+"/click", map[string]any{}, nil)

	type view struct {
		Ready   bool   `json:"ready"`
		Places  int    `json:"places"`
		Markers int    `json:"markers"`
		Error   string `json:"error"`
	}
	var v view
	wd.waitFor("the extraction", func() bool {
		wd.exec(&v, `var v = window.geoparseView || {}; return {ready: !!v.ready, places: v.places|0, markers: v.markers|0, error: v.error || ""}`)
		if v.Error != "" {
			t.Fatalf("page error: %s", v.Error)
		}
		return v.Ready
	})
	if v.Places != len(places) || v.Markers != len(places) {
		t.Errorf("page shows %d places in %d markers; the API mapped %d", v.Places, v.Markers, len(places))
	}
	// On the map: single markers plus the counts on cluster icons add up
	// to the places (cluster animations settle first).
	var shown struct{ Singles, Clustered, Icons int }
	wd.waitFor("the markers", func() bool {
		wd.exec(&shown, `var singles = document.querySelectorAll(".leaflet-marker-pane .leaflet-marker-icon:not(.marker-cluster)").length;
			var clustered = 0, icons = 0;
			document.querySelectorAll(".leaflet-marker-pane .marker-cluster").forEach(function (c) { icons++; clustered += parseInt(c.textContent, 10) || 0; });
			return {Singles: singles, Clustered: clustered, Icons: icons};`)
		return shown.Singles+shown.Icons > 0 && shown.Singles+shown.Clustered == len(places)
	})
	t.Logf("%d places: %d single markers, %d in %d clusters", len(places), shown.Singles, shown.Clustered, shown.Icons)

	// The entity list beside the map names the places; clicking one opens
	// its popup.
	var listed string
	wd.must("GET", "/element/"+wd.element("#entities")+"/text", nil, &listed)
	if !strings.Contains(listed, "Pátra") || !strings.Contains(listed, "Kyriakos Mitsotakis") {
		t.Errorf("entity list lacks Pátra or Mitsotakis:\n%s", listed)
	}
	var marks int
	wd.exec(&marks, `return document.querySelectorAll("#doc mark").length`)
	if marks == 0 {
		t.Error("no entity highlighted in the text")
	}
	item := wd.element(fmt.Sprintf(`#entities .place[data-key="%d"]`, patras))
	if item == "" {
		t.Fatal("Pátra is not in the entity list")
	}
	// Click it while the map zooms (the zoom-in button animates for a
	// quarter second), as a user does who clicks before the map settles:
	// the popup still opens.
	wd.must("POST", "/element/"+wd.element(".leaflet-control-zoom-in")+"/click", map[string]any{}, nil)
	wd.must("POST", "/element/"+item+"/click", map[string]any{}, nil)
	var popup string
	wd.waitFor("the Pátra popup", func() bool {
		id := wd.element(".leaflet-popup-content")
		if id == "" {
			return false
		}
		if err := wd.call("GET", "/element/"+id+"/text", nil, &popup); err != nil {
			return false
		}
		return strings.Contains(popup, "Pátra")
	})
	for _, want := range []string{"Pátra", "2024-08-22", "Kyriakos Mitsotakis", "visit", "Patras"} {
		if !strings.Contains(popup, want) {
			t.Errorf("popup lacks %q:\n%s", want, popup)
		}
	}
	var highlighted string
	wd.exec(&highlighted, `var m = document.querySelector(".leaflet-popup-content .sentence mark"); return m ? m.textContent : ""`)
	if highlighted != "Patras" {
		t.Errorf("popup highlights %q, want Patras", highlighted)
	}
	checkArticleLayout(t, wd, ann.Events[0].Type)
	popupClearOfZoom(t, wd, fmt.Sprint(patras))
	path := wd.screenshot("map-page.png")

	// The date filter: one day keeps only that day's events.
	wd.exec(nil, `var f = document.getElementById("from"), to = document.getElementById("to");
		f.value = "2024-08-20"; to.value = "2024-08-20"; to.dispatchEvent(new Event("change"));`)
	var filtered view
	wd.exec(&filtered, `var v = window.geoparseView; return {ready: v.ready, places: v.places, markers: v.markers}`)
	want := map[int64]bool{}
	for _, e := range ann.Events {
		if e.GeoNameID != nil && e.Lat != nil && e.Date == "2024-08-20" {
			want[*e.GeoNameID] = true
		}
	}
	if filtered.Places != len(want) {
		t.Errorf("filtered to 2024-08-20: %d places, want %d", filtered.Places, len(want))
	}
	if path != "" {
		wd.waitFor("the popup to close", func() bool { return wd.element(".leaflet-popup") == "" })
		time.Sleep(300 * time.Millisecond) // marker animations
		wd.screenshot("map-page-filtered.png")
	}
	checkApproximate(t, wd)
}

// checkArticleLayout checks what the article view shows beside the
// markers: the legend of event types, the place labels, and the entity
// list in sight without scrolling (the window is 1366×768).
func checkArticleLayout(t *testing.T, wd *webDriver, firstType string) {
	t.Helper()
	var legend string
	wd.exec(&legend, `var l = document.querySelector(".legend-control"); return l && !l.hidden ? l.textContent : ""`)
	for _, want := range []string{"Event types", firstType, "approximate location"} {
		if !strings.Contains(legend, want) {
			t.Errorf("legend %q lacks %q", legend, want)
		}
	}
	var labels struct{ Labels, Singles int }
	var names string
	wd.exec(&labels, `return {Labels: document.querySelectorAll(".leaflet-tooltip.place-label").length,
		Singles: document.querySelectorAll(".leaflet-marker-pane .ev-icon").length}`)
	wd.exec(&names, `return Array.from(document.querySelectorAll(".leaflet-tooltip.place-label")).map(function (l) { return l.textContent; }).join(", ")`)
	if labels.Labels == 0 || labels.Labels != labels.Singles {
		t.Errorf("%d place labels for %d markers shown", labels.Labels, labels.Singles)
	}
	if !strings.Contains(names, "Pátra") {
		t.Errorf("no Pátra among the labels %q", names)
	}
	var vis struct {
		Visible        bool
		Top, Bottom, H float64
		Scrolled       float64
	}
	wd.exec(&vis, `var el = document.querySelector('#entities .place'), r = el.getBoundingClientRect();
		var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return {Visible: !!hit && (hit === el || el.contains(hit)), Top: r.top, Bottom: r.bottom, H: window.innerHeight,
			Scrolled: document.scrollingElement.scrollTop + document.getElementById("input").scrollTop + document.getElementById("entities").scrollTop};`)
	if !vis.Visible || vis.Bottom > vis.H || vis.Scrolled != 0 {
		t.Errorf("the first place of the entity list is not in sight without scrolling: %+v", vis)
	}
}

// popupClearOfZoom moves the place's marker to the map's top left corner,
// under the zoom control, opens its popup and checks that the popup is
// not hidden under the control: the map pans it clear.
func popupClearOfZoom(t *testing.T, wd *webDriver, key string) {
	t.Helper()
	wd.exec(nil, `var v = window.geoparseView, m = v.map; m.closePopup();
		var ll = v.markerLatLng(arguments[0]), p = m.latLngToContainerPoint(ll);
		m.panBy([p.x - 25, p.y - 30], {animate: false});
		v.openPlace(arguments[0]);`, key)
	type rect struct{ Left, Top, Right, Bottom float64 }
	var r struct {
		Popup, Zoom rect
		Open        bool
	}
	wd.waitFor("the popup in the corner", func() bool {
		time.Sleep(400 * time.Millisecond) // the autopan animates
		wd.exec(&r, `function box(el) { var b = el.getBoundingClientRect(); return {Left: b.left, Top: b.top, Right: b.right, Bottom: b.bottom}; }
			var p = document.querySelector(".leaflet-popup-content-wrapper");
			return {Open: !!p, Popup: p ? box(p) : null, Zoom: box(document.querySelector(".leaflet-control-zoom"))};`)
		return r.Open
	})
	overlap := r.Popup.Left < r.Zoom.Right && r.Zoom.Left < r.Popup.Right && r.Popup.Top < r.Zoom.Bottom && r.Zoom.Top < r.Popup.Bottom
	if overlap {
		wd.screenshot("popup-under-zoom.png")
		t.Errorf("the popup %+v lies under the zoom control %+v", r.Popup, r.Zoom)
	}
}

// checkApproximate pastes an article whose event place the gazetteer
// lacks ("Blyzniukivka Druha, in the Kharkiv region"): it is mapped at the
// region's point, drawn as approximate (hollow dashed marker, dashed
// circle) and its popup says so.
func checkApproximate(t *testing.T, wd *webDriver) {
	t.Helper()
	const text = "Bodies were found in Blyzniukivka Druha, in the Kharkiv region, on Tuesday."
	wd.exec(nil, `var ta = document.getElementById("text"); ta.value = arguments[0];
		ta.dispatchEvent(new Event("input", {bubbles: true}));
		document.getElementById("published").value = "2024-08-22";
		document.getElementById("from").value = document.getElementById("to").value = "";
		window.geoparseView.ready = false;`, text)
	wd.must("POST", "/element/"+wd.element("#extract")+"/click", map[string]any{}, nil)
	var a struct {
		Ready          bool
		Approximate    int
		Hollow, Circle int
	}
	wd.waitFor("the approximate place", func() bool {
		wd.exec(&a, `var v = window.geoparseView; return {Ready: !!v.ready, Approximate: v.approximate | 0,
			Hollow: document.querySelectorAll(".leaflet-marker-pane .ev-dot.approx").length,
			Circle: document.querySelectorAll(".leaflet-overlay-pane path.approx-area").length}`)
		return a.Ready
	})
	if a.Approximate != 1 || a.Hollow != 1 || a.Circle != 1 {
		t.Fatalf("approximate places %d, hollow markers %d, dashed circles %d; want 1 each", a.Approximate, a.Hollow, a.Circle)
	}
	item := wd.element("#entities .place.approx")
	if item == "" {
		t.Fatal("the approximate place is not in the entity list")
	}
	wd.must("POST", "/element/"+item+"/click", map[string]any{}, nil)
	var popup string
	wd.waitFor("the approximate popup", func() bool {
		wd.exec(&popup, `var p = document.querySelector(".leaflet-popup-content"); return p ? p.textContent : ""`)
		return popup != ""
	})
	for _, want := range []string{"Blyzniukivka Druha", "approximate", "admin1"} {
		if !strings.Contains(popup, want) {
			t.Errorf("popup lacks %q: %s", want, popup)
		}
	}
	time.Sleep(300 * time.Millisecond)
	wd.screenshot("map-approximate.png")
}

// With --tiles the page loads base-map tiles from that URL (here a tile
// server on loopback) and shows their attribution instead of the
// outlines.
func TestBrowserTiles(t *testing.T) {
	driver, browser := findBrowser(t)
	var tile bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{200, 220, 200, 255}}, image.Point{}, draw.Src)
	if err := png.Encode(&tile, img); err != nil {
		t.Fatal(err)
	}
	var served atomic.Int64
	tiles := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Write(tile.Bytes())
	}))
	defer tiles.Close()
	_, ts := newTestServer(t, Config{Tiles: tiles.URL + "/{z}/{x}/{y}.png", TilesAttribution: "Test tiles"})

	wd := startDriver(t, driver, browser)
	wd.must("POST", "/url", map[string]string{"url": ts.URL + "/"}, nil)
	wd.waitFor("tiles", func() bool {
		var n int
		wd.exec(&n, `return document.querySelectorAll("img.leaflet-tile-loaded").length`)
		return n > 0
	})
	if served.Load() == 0 {
		t.Error("no tile was requested from the tile server")
	}
	var attribution string
	wd.exec(&attribution, `var a = document.querySelector(".leaflet-control-attribution"); return a ? a.textContent : ""`)
	if !strings.Contains(attribution, "Test tiles") {
		t.Errorf("attribution %q lacks the tiles' attribution", attribution)
	}
	var outlines int
	wd.exec(&outlines, `return document.querySelectorAll(".leaflet-overlay-pane path").length`)
	if outlines != 0 {
		t.Errorf("%d outline paths drawn over the tiles", outlines)
	}
}

// Uploading a JSONL file sends it as a batch: a bad line is reported with
// its number; a good batch maps every document.
func TestBrowserUploadBatch(t *testing.T) {
	driver, browser := findBrowser(t)
	_, ts := newTestServer(t, Config{})
	src, err := os.ReadFile(filepath.Join("..", "testdata", "articles", "batch.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(src)), "\n")
	good := filepath.Join(t.TempDir(), "good.jsonl")
	if err := os.WriteFile(good, []byte(lines[0]+"\n"+lines[3]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad, err := filepath.Abs(filepath.Join("..", "testdata", "articles", "batch.jsonl"))
	if err != nil {
		t.Fatal(err)
	}

	wd := startDriver(t, driver, browser)
	wd.must("POST", "/url", map[string]string{"url": ts.URL + "/"}, nil)
	wd.waitFor("the map", func() bool { return wd.element(".leaflet-container") != "" })
	upload := func(path string) {
		wd.must("POST", "/element/"+wd.element("#file")+"/value", map[string]any{"text": path}, nil)
		wd.waitFor("the file to be read", func() bool {
			var s string
			wd.exec(&s, `return document.getElementById("status").textContent`)
			return strings.Contains(s, "documents from")
		})
		wd.must("POST", "/element/"+wd.element("#extract")+"/click", map[string]any{}, nil)
	}

	upload(bad)
	var status string
	wd.waitFor("the error", func() bool {
		wd.exec(&status, `return document.getElementById("status").className === "error" ? document.getElementById("status").textContent : ""`)
		return status != ""
	})
	if !strings.Contains(status, "line 2") || !strings.Contains(status, "400") {
		t.Errorf("status %q: want the malformed line 2 and 400", status)
	}

	upload(good)
	var v struct {
		Ready  bool `json:"ready"`
		Places int  `json:"places"`
	}
	wd.waitFor("the batch", func() bool {
		wd.exec(&v, `var v = window.geoparseView; return {ready: !!v.ready, places: v.places|0}`)
		return v.Ready
	})
	if v.Places < 2 {
		t.Errorf("%d places mapped from the two documents", v.Places)
	}
	var listed string
	wd.must("GET", "/element/"+wd.element("#entities")+"/text", nil, &listed)
	if !strings.Contains(listed, "kenya-1") || !strings.Contains(listed, "japan-4") {
		t.Errorf("entity list does not name both documents:\n%.500s", listed)
	}
}
