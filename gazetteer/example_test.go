package gazetteer_test

import (
	"fmt"

	"github.com/geoparse/geoparse/gazetteer"
)

func ExampleIndex_Resolve() {
	ix, err := gazetteer.Default()
	if err != nil {
		panic(err)
	}
	// "Paris" in a story about Texas, "Izium, Kharkiv region" in one
	// about Ukraine.
	res := ix.Resolve([]gazetteer.Query{
		{Text: "Paris"},
		{Text: "Texas"},
		{Text: "Dallas"},
	}, nil)
	fmt.Println(res[0].Best.Name, res[0].Best.CountryCode, res[0].Best.Admin1Name)

	res = ix.Resolve([]gazetteer.Query{
		{Text: "Izyum", Qualifiers: []string{"Kharkiv region"}},
		{Text: "Kharkiv region"},
		{Text: "Kyiv"},
		{Text: "Hrakove"},
	}, []string{"UA"})
	for _, r := range res {
		if r.Best == nil {
			fmt.Println("unresolved")
			continue
		}
		// Hrakove comes from the postal-code places: its id is
		// geoparse's own (IsSynthetic), not a geonameid.
		fmt.Printf("%s %s %s %v %.2f,%.2f\n", r.Best.Name, r.Best.FeatureCode, r.Best.Admin1Name, r.Best.IsSynthetic(), r.Best.Lat, r.Best.Lon)
	}
	// Output:
	// Paris US Texas
	// Izium PPLA2 Kharkiv false 49.21,37.28
	// Kharkiv ADM1 Kharkiv false 49.47,36.46
	// Kyiv PPLC Kyiv City false 50.45,30.52
	// Hrakove PPL Kharkiv true 49.72,36.81
}

func ExampleIndex_Lookup() {
	ix, err := gazetteer.Default()
	if err != nil {
		panic(err)
	}
	for _, e := range ix.Lookup("Izyum") {
		fmt.Println(e.ID, e.Name, e.CountryCode, e.Admin1Name)
	}
	// Output:
	// 707292 Izium UA Kharkiv
}
