package media_test

import (
	"fmt"

	"github.com/xlint/xlint/media"
)

func ExampleProbe() {
	info, err := media.Probe("testdata/dur140_02.mp4")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.Kind, info.Container, info.VideoCodec, info.Duration)
	// X's free plan allows 140 s; the comparison is exact, in ticks.
	fmt.Println("over 140 s:", info.Duration.Exceeds(140_000))
	// Output:
	// video mp4 h264 140.020000
	// over 140 s: true
}
