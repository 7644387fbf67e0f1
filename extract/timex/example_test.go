package timex_test

import (
	"fmt"
	"time"

	"github.com/geoparse/geoparse/extract/timex"
)

func ExampleFind() {
	dct := time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC)
	text := "The president on Wednesday traveled to the city after forces withdrew late last week. Pictures were taken Sept. 13, 2022."
	for _, e := range timex.Find(text, dct) {
		fmt.Printf("%s | %s | %s\n", e.Text, e.Type, e.Value)
	}
	// Output:
	// Wednesday | DATE | 2022-09-14
	// late last week | DATE | 2022-W36
	// Sept. 13, 2022 | DATE | 2022-09-13
}
