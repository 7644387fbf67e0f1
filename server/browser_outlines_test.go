package server

// The first screen: the country outlines drawn without tiles. Rings that
// cross the antimeridian used to jump from +180° to -180°, which Leaflet
// draws as horizontal stripes across the whole map; web/convert-countries.js
// now cuts them at ±180°.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/png"
	"testing"
)

// maxEdgeLon is the widest longitude step allowed between two points of an
// outline ring: more means an edge drawn across the map.
const maxEdgeLon = 180

// The shipped outlines have no edge that jumps across the map, and stay
// small.
func TestCountryOutlinesAntimeridian(t *testing.T) {
	b, err := staticFS.ReadFile("static/vendor/countries.geojson")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 400<<10 {
		t.Errorf("countries.geojson is %d bytes; keep it small", len(b))
	}
	var fc struct {
		Features []struct {
			Properties struct{ Name string }
			Geometry   struct {
				Type        string
				Coordinates json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) < 150 {
		t.Fatalf("%d countries", len(fc.Features))
	}
	for _, f := range fc.Features {
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			polys = [][][][2]float64{p}
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &polys)
		default:
			t.Errorf("%s: geometry %s", f.Properties.Name, f.Geometry.Type)
		}
		if err != nil {
			t.Fatalf("%s: %v", f.Properties.Name, err)
		}
		for _, p := range polys {
			for _, ring := range p {
				for i := 1; i < len(ring); i++ {
					if d := ring[i][0] - ring[i-1][0]; d > maxEdgeLon || d < -maxEdgeLon {
						t.Errorf("%s: edge %v → %v jumps %.0f° of longitude", f.Properties.Name, ring[i-1], ring[i], d)
					}
					if ring[i][0] < -180 || ring[i][0] > 180 {
						t.Errorf("%s: longitude %v out of range", f.Properties.Name, ring[i][0])
					}
				}
			}
		}
	}
}

// The first screen shows no stripe: in a screenshot of the world map, no
// pixel row between 60°S and 75°N is land (or outline) from one side of
// the world to the other. Antarctica, which does span the world, lies
// south of that band.
func TestBrowserFirstScreen(t *testing.T) {
	driver, browser := findBrowser(t)
	_, ts := newTestServer(t, Config{})
	wd := startDriver(t, driver, browser)
	wd.setWindow(1366, 768)
	wd.must("POST", "/url", map[string]string{"url": ts.URL + "/"}, nil)
	wd.waitFor("the country outlines", func() bool {
		var n int
		wd.exec(&n, `return document.querySelectorAll(".leaflet-overlay-pane path").length`)
		return n > 100
	})
	// Show the whole world, so that both sides of the antimeridian are in
	// the picture.
	var box struct {
		Left, Top, X0, X1, Y0, Y1, Ratio float64
	}
	wd.exec(nil, `var m = window.geoparseView.map; m.setView([10, 0], 1, {animate: false});`)
	wd.waitFor("the map to settle", func() bool {
		var n int
		wd.exec(&n, `return document.querySelectorAll(".leaflet-zoom-anim").length`)
		return n == 0
	})
	wd.exec(&box, `var m = window.geoparseView.map, r = m.getContainer().getBoundingClientRect();
		var a = m.latLngToContainerPoint([75, -180]), b = m.latLngToContainerPoint([-60, 180]);
		return {Left: r.left, Top: r.top, X0: Math.max(a.x, 0), X1: Math.min(b.x, r.width), Y0: a.y, Y1: b.y, Ratio: window.devicePixelRatio};`)
	path := wd.screenshot("first-screen.png")
	img := wd.screenshotImage()
	if img == nil {
		t.Fatal("no screenshot")
	}
	ocean := [3]uint8{0xcf, 0xe0, 0xec} // #map.plain background
	worst, worstY := 1.0, 0
	for y := int((box.Top + box.Y0) * box.Ratio); y < int((box.Top+box.Y1)*box.Ratio); y++ {
		x0, x1 := int((box.Left+box.X0)*box.Ratio)+2, int((box.Left+box.X1)*box.Ratio)-2
		water := 0
		for x := x0; x < x1; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if near(uint8(r>>8), ocean[0]) && near(uint8(g>>8), ocean[1]) && near(uint8(b>>8), ocean[2]) {
				water++
			}
		}
		if f := float64(water) / float64(x1-x0); f < worst {
			worst, worstY = f, y
		}
	}
	t.Logf("least water in a row between 60°S and 75°N: %.0f%% (row %d of %s)", worst*100, worstY, path)
	if worst < 0.05 {
		t.Errorf("row %d is land across the whole world (%.1f%% water): a stripe", worstY, worst*100)
	}
}

// near tells whether two colour components differ by 12 at most
// (antialiasing, colour management).
func near(a, b uint8) bool { return int(a)-int(b) <= 12 && int(b)-int(a) <= 12 }

// setWindow sizes the browser window (the page sees slightly less).
func (wd *webDriver) setWindow(w, h int) {
	wd.t.Helper()
	wd.must("POST", "/window/rect", map[string]int{"width": w, "height": h}, nil)
}

// screenshotImage takes a screenshot and decodes it.
func (wd *webDriver) screenshotImage() image.Image {
	wd.t.Helper()
	var b64 string
	wd.must("GET", "/screenshot", nil, &b64)
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		wd.t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		wd.t.Fatal(err)
	}
	return img
}
