package timex

import (
	"strings"
	"testing"
	"time"
)

// benchText is a made-up ~4 KB news-style article.
var benchText = func() string {
	paras := []string{
		"KHARKIV REGION — The regional governor on Wednesday toured villages that troops recaptured late last week, after a six-month occupation that residents described as the hardest period of their lives.",
		"Officials said Tuesday that more than 2,000 people had returned since Sept. 10, and that power would be restored to 150 km of lines by the end of the month. Engineers worked through the night and again this morning.",
		"“We waited for this day for months,” said a retired teacher, 67, standing outside a school that served as a command post from March until early September. She said she had not seen her son in three years.",
		"The ministry will publish casualty figures next week. A spokesman told reporters at 10:30 a.m. that the figures for the past three months were still being verified, and that the count is updated daily.",
		"In the 1990s the town was known for its sugar factory, which closed in 2009. Its population has fallen by a third over the last two decades, according to a census taken in the spring of 2021.",
		"Aid convoys now arrive every week, and a field hospital is scheduled to open on Friday. The mayor, who was elected last year, plans to hold a public meeting at noon Saturday.",
		"Analysts cautioned that the front line may shift again before winter. “Nobody knows what the coming weeks will bring,” one analyst said. Fighting was reported 24 hours ago near the river, and shelling resumed Tuesday night.",
		"Prices in the local market rose sharply this year, and many families say they may march to the regional capital if pensions, unpaid since June, are not paid by Oct. 1.",
		"The governor said reconstruction could take a decade. A similar program after floods in 2010 lasted five years and was reviewed annually by the national audit office.",
		"On 14 September 2022 the railway line reopened briefly. The first train, carrying 300 passengers, left at 3 p.m. EDT and arrived two hours later, on what officials called a historic day.",
		"Earlier this month, volunteers cleared debris from the central square, where a monument from the 19th century was damaged. They hope to restore it by next summer.",
		"Residents recently formed a council that meets each Thursday. Its chairman said the group would present a plan to the governor within the next few days.",
	}
	var b strings.Builder
	for b.Len() < 4096 {
		for _, p := range paras {
			if b.Len() >= 4096 {
				break
			}
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	return b.String()
}()

func BenchmarkFind(b *testing.B) {
	dct := time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		Find(benchText, dct)
	}
}
