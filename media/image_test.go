package media

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

func encodeGIF(t *testing.T, delays []int, localPalettes bool) []byte {
	t.Helper()
	pal := color.Palette{color.Black, color.White}
	g := &gif.GIF{Config: image.Config{Width: 7, Height: 5, ColorModel: pal}}
	for i, d := range delays {
		p := pal
		if localPalettes {
			p = color.Palette{color.Black, color.White, color.Gray{uint8(i)}}
		}
		img := image.NewPaletted(image.Rect(0, 0, 7, 5), p)
		img.SetColorIndex(i%7, 0, 1)
		g.Image = append(g.Image, img)
		g.Delay = append(g.Delay, d)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGIF(t *testing.T) {
	tests := []struct {
		name      string
		data      func(t *testing.T) []byte
		frames    int
		duration  string
		wantError string
	}{
		{"still", func(t *testing.T) []byte { return encodeGIF(t, []int{0}, false) }, 1, "0.100000", ""},
		// ffmpeg plays a delay under 2/100 s as 10/100 s.
		{"animated, short delays", func(t *testing.T) []byte { return encodeGIF(t, []int{0, 1, 2, 50}, false) }, 4, "0.720000", ""},
		{"local palettes", func(t *testing.T) []byte { return encodeGIF(t, []int{20, 20, 20}, true) }, 3, "0.600000", ""},
		{"no trailer", func(t *testing.T) []byte {
			b := encodeGIF(t, []int{20, 20}, false)
			return b[:len(b)-1]
		}, 2, "0.400000", ""},
		{"unknown block", func(t *testing.T) []byte {
			b := encodeGIF(t, []int{20, 20}, false)
			return append(b[:len(b)-1], 0x99)
		}, 0, "", "unknown block 0x99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.data(t)
			info, err := ProbeReader(bytes.NewReader(b), int64(len(b)))
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("err = %v, want %q", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if info.Kind != GIF || info.Frames != tt.frames || info.Duration.String() != tt.duration || info.Width != 7 || info.Height != 5 {
				t.Errorf("got %+v, want %d frames lasting %s", info, tt.frames, tt.duration)
			}
		})
	}
}

func TestImages(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	var p, j bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, container, codec string
		data                   []byte
	}{
		{"png", "png", "png", p.Bytes()},
		{"jpeg", "jpeg", "mjpeg", j.Bytes()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := ProbeReader(bytes.NewReader(tt.data), int64(len(tt.data)))
			if err != nil {
				t.Fatal(err)
			}
			if info.Kind != Image || info.Container != tt.container || info.VideoCodec != tt.codec || info.Width != 40 || info.Height != 30 || info.Duration != (Duration{}) {
				t.Errorf("got %+v", info)
			}
			// A header cut short is an error naming the format.
			cut := tt.data[:20]
			if _, err := ProbeReader(bytes.NewReader(cut), int64(len(cut))); err == nil || !strings.HasPrefix(err.Error(), tt.container) {
				t.Errorf("cut %s: err = %v", tt.name, err)
			}
		})
	}
}
