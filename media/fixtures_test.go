package media

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// ffprobeReport is the part of ffprobe's JSON the fixtures are checked
// against (the -show_entries list in scripts/media/make-fixtures.sh).
type ffprobeReport struct {
	Streams []struct {
		CodecName    string `json:"codec_name"`
		CodecType    string `json:"codec_type"`
		Profile      string `json:"profile"` // live runs only: expected.json has none
		Width        int    `json:"width"`
		Height       int    `json:"height"`
		RFrameRate   string `json:"r_frame_rate"`
		AvgFrameRate string `json:"avg_frame_rate"`
		StartTime    string `json:"start_time"`
		Duration     string `json:"duration"`
		SideData     []struct {
			Rotation int `json:"rotation"`
		} `json:"side_data_list"`
	} `json:"streams"`
	Format struct {
		Duration string `json:"duration"`
		BitRate  string `json:"bit_rate"`
		Size     string `json:"size"`
	} `json:"format"`
}

// expectation is one fixture's entry in testdata/expected.json.
type expectation struct {
	Kind      Kind          `json:"kind"`
	Container string        `json:"container"`
	FFprobe   ffprobeReport `json:"ffprobe"`
}

func loadExpected(t testing.TB) map[string]expectation {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp map[string]expectation
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	return exp
}

// runFFprobe asks the installed ffprobe, so the comparison follows the
// real tool rather than what it said when the fixtures were made.
func runFFprobe(t *testing.T, path string) ffprobeReport {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-show_entries",
		"format=duration,bit_rate,size:stream=codec_name,codec_type,profile,width,height,r_frame_rate,avg_frame_rate,start_time,duration:stream_side_data=rotation",
		"-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var rep ffprobeReport
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	return rep
}

func rate(s string) float64 {
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		return 0
	}
	n, _ := strconv.ParseFloat(num, 64)
	d, _ := strconv.ParseFloat(den, 64)
	if d == 0 {
		return 0
	}
	return n / d
}

// latestStreamEnd is the largest start_time+duration over the streams, in
// ffprobe's six-decimal format.
func latestStreamEnd(t *testing.T, rep ffprobeReport) string {
	t.Helper()
	var end int64
	for _, s := range rep.Streams {
		start, err1 := micros(s.StartTime)
		dur, err2 := micros(s.Duration)
		if err1 != nil || err2 != nil {
			continue
		}
		end = max(end, start+dur)
	}
	if end == 0 {
		t.Fatal("ffprobe reports no stream duration")
	}
	return fmt.Sprintf("%d.%06d", end/1000000, end%1000000)
}

// micros parses ffprobe's "S.ffffff" seconds exactly.
func micros(s string) (int64, error) {
	whole, frac, ok := strings.Cut(s, ".")
	if !ok || len(frac) != 6 {
		return 0, fmt.Errorf("not six decimals: %q", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, err
	}
	if strings.HasPrefix(whole, "-") {
		return w*1000000 - f, nil
	}
	return w*1000000 + f, nil
}

// TestFixturesMatchFFprobe compares every fixture with ffprobe when it is
// installed, and with the recorded testdata/expected.json otherwise.
func TestFixturesMatchFFprobe(t *testing.T) {
	exp := loadExpected(t)
	_, lookErr := exec.LookPath("ffprobe")
	live := lookErr == nil
	if !live {
		t.Log("ffprobe not on PATH: comparing with testdata/expected.json")
	}
	names := make([]string, 0, len(exp))
	for name := range exp {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			e := exp[name]
			path := filepath.Join("testdata", name)
			want := e.FFprobe
			if live {
				want = runFFprobe(t, path)
			}
			got, err := Probe(path)
			if err != nil {
				t.Fatal(err)
			}
			check := func(field string, got, want any) {
				t.Helper()
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s = %v, ffprobe says %v", field, got, want)
				}
			}
			check("kind", got.Kind, e.Kind)
			check("container", got.Container, e.Container)
			check("size", got.Size, want.Format.Size)
			switch {
			case want.Format.Duration == "0.000000" && (got.Kind == Video || got.Kind == Audio):
				// ffprobe prints 0 for a movie whose header says 0;
				// xlint reports what plays: the latest stream end.
				check("duration (latest stream end)", got.Duration, latestStreamEnd(t, want))
			case want.Format.Duration != "":
				check("duration", got.Duration, want.Format.Duration)
			case got.Kind == Video || got.Kind == Audio:
				t.Errorf("ffprobe gives no duration for a %s", got.Kind)
			}
			if want.Format.BitRate != "" {
				check("bitrate", got.Bitrate, want.Format.BitRate)
			}
			var video, audio, profile string
			for _, s := range want.Streams {
				switch {
				case s.CodecType == "video" && video == "":
					video = s.CodecName
					w, h := s.Width, s.Height
					for _, sd := range s.SideData {
						if r := (sd.Rotation%360 + 360) % 360; r == 90 || r == 270 {
							w, h = h, w
						}
					}
					check("width", got.Width, w)
					check("height", got.Height, h)
					if got.Kind == Video {
						check("fps", fmt.Sprintf("%.2f", got.FPS), fmt.Sprintf("%.2f", rate(s.AvgFrameRate)))
					}
					if got.Kind == GIF {
						d, _ := strconv.ParseFloat(want.Format.Duration, 64)
						check("frames", got.Frames, int(math.Round(d*rate(s.RFrameRate))))
					}
				case s.CodecType == "audio" && audio == "":
					audio = s.CodecName
					if audio == "aac" {
						profile = s.Profile
					}
				}
			}
			check("video codec", got.VideoCodec, video)
			check("audio codec", got.AudioCodec, audio)
			if profile != "" {
				check("audio profile", got.AudioProfile, profile)
			}
		})
	}
}

// TestFixturesSmall keeps the committed fixtures light.
func TestFixturesSmall(t *testing.T) {
	var total int64
	err := filepath.Walk("testdata", func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			total += fi.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > 2<<20 {
		t.Errorf("testdata holds %d bytes; keep it under 2 MiB", total)
	}
}

// TestAACProfile names profiles from the AudioSpecificConfig's audio
// object type, escapes included, and from MPEG-2 AAC's object types.
func TestAACProfile(t *testing.T) {
	tests := []struct {
		oti  byte
		asc  []byte
		want string
	}{
		{0x40, []byte{0x12, 0x10}, "LC"},           // 00010 0100 0010 000: AAC LC, 44.1 kHz, stereo
		{0x40, []byte{0x0A, 0x10}, "Main"},         // 00001
		{0x40, []byte{0x22, 0x10}, "LTP"},          // 00100
		{0x40, []byte{0x2B, 0x92, 0x08}, "HE-AAC"}, // 00101: explicit SBR
		{0x40, []byte{0xEB, 0x92}, "HE-AACv2"},     // 11101: PS
		{0x40, []byte{0xF8, 0xE0}, "ELD"},          // 11111 000111: 32+7 = 39
		{0x40, []byte{0xF8}, ""},                   // escape cut short
		{0x40, nil, ""},                            // no decoder specific info
		{0x66, nil, "Main"},
		{0x67, []byte{0x0A, 0x10}, "LC"}, // MPEG-2 AAC LC, whatever follows
		{0x40, []byte{0x30, 0x00}, "audio object type 6"},
	}
	for _, tt := range tests {
		if got := aacProfile(tt.oti, tt.asc); got != tt.want {
			t.Errorf("aacProfile(%#x, % x) = %q, want %q", tt.oti, tt.asc, got, tt.want)
		}
	}
}

// TestFragmentedStartsMatchFFprobe makes fragmented files with ffmpeg, in
// every layout its muxer writes, with and without B-frames, a GOP shorter
// and longer than the clip, and audio shorter than the video (so that the
// video's start decides the span), and requires ffprobe's duration of
// each. It runs where ffmpeg and ffprobe are installed, as in CI.
func TestFragmentedStartsMatchFFprobe(t *testing.T) {
	for _, tool := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (.ci/run installs it): %v", tool, err)
		}
	}
	if testing.Short() {
		t.Skip("makes 24 files with ffmpeg; skipped with -short")
	}
	dir := t.TempDir()
	for _, movflags := range []string{
		"frag_keyframe+empty_moov", "frag_keyframe+empty_moov+negative_cts_offsets",
		"frag_keyframe+empty_moov+default_base_moof", "frag_keyframe",
		"frag_keyframe+negative_cts_offsets", "cmaf",
	} {
		for _, bframes := range []int{0, 3} {
			for _, gop := range []int{25, 100} {
				name := fmt.Sprintf("%s_bf%d_g%d", strings.ReplaceAll(movflags, "+", "_"), bframes, gop)
				t.Run(name, func(t *testing.T) {
					path := filepath.Join(dir, name+".mp4")
					out, err := exec.Command("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y",
						"-f", "lavfi", "-i", "testsrc=size=64x36:rate=25", "-f", "lavfi", "-t", "1", "-i", "sine=sample_rate=8000",
						"-t", "2", "-c:v", "libx264", "-preset", "veryfast", "-crf", "51", "-pix_fmt", "yuv420p",
						"-g", strconv.Itoa(gop), "-x264-params", fmt.Sprintf("b-adapt=0:bframes=%d", bframes),
						"-c:a", "aac", "-b:a", "8k", "-ac", "1", "-movflags", movflags, path).CombinedOutput()
					if err != nil {
						t.Skipf("this ffmpeg cannot make the file: %v\n%s", err, out)
					}
					got, err := Probe(path)
					if err != nil {
						t.Fatal(err)
					}
					if want := runFFprobe(t, path).Format.Duration; fmt.Sprint(got.Duration) != want {
						t.Errorf("duration %v, ffprobe says %s", got.Duration, want)
					}
				})
			}
		}
	}
}
