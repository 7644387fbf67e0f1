package extract_test

import (
	"context"
	"fmt"

	"github.com/geoparse/geoparse/extract"
)

func ExampleExtractor_Extract() {
	ex, err := extract.New() // the embedded gazetteer and entity model
	if err != nil {
		panic(err)
	}
	res, err := ex.Extract(context.Background(), extract.Document{
		ID:        "lyon-1",
		Text:      "French President Emmanuel Macron on Tuesday visited flooded homes in Lyon.",
		Published: "2024-05-07",
	})
	if err != nil {
		panic(err)
	}
	for _, e := range res.Entities {
		fmt.Printf("%s %q\n", e.Label, e.Text)
	}
	for _, p := range res.Places {
		fmt.Printf("place %q (%s, %s) → %s, %s (geonameid %d)\n", p.Text, p.Form, p.Role, p.Name, p.CountryCode, *p.GeoNameID)
	}
	for _, d := range res.Dates {
		fmt.Printf("date %q → %s\n", d.Text, d.Value)
	}
	for _, ev := range res.Events {
		fmt.Printf("event: %v in %s on %s\n", ev.People, res.Places[ev.PlaceIndex].Name, ev.Date)
	}
	// Output:
	// MISC "French"
	// PERSON "Emmanuel Macron"
	// LOCATION "Lyon"
	// place "French" (demonym, mention) → France, FR (geonameid 3017382)
	// place "Lyon" (name, event) → Lyon, FR (geonameid 2996944)
	// date "Tuesday" → 2024-05-07
	// event: [Emmanuel Macron] in Lyon on 2024-05-07
}
