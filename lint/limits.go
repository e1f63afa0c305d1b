package lint

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Limits are the numeric limits the rules check (CONTRACT section 7). Each
// can be set under `limits:` in the config; a key left out keeps its
// default.
type Limits struct {
	// TextLength is the weighted length limit (twitter-text v3).
	TextLength int `yaml:"text_length"`
	// TextLengthPremium is the limit on premium plans.
	TextLengthPremium int `yaml:"text_length_premium"`
	// MaxURLs, MaxMentions and MaxCashtags bound what one post may hold.
	MaxURLs     int `yaml:"max_urls"`
	MaxMentions int `yaml:"max_mentions"`
	MaxCashtags int `yaml:"max_cashtags"`

	// VideoMinSeconds is the shortest video on every plan.
	VideoMinSeconds float64 `yaml:"video_min_seconds"`
	// VideoMaxSecondsFree is the longest video on the free plan.
	VideoMaxSecondsFree float64 `yaml:"video_max_seconds_free"`
	// VideoWarnSecondsFree is where a warning starts on the free plan:
	// some API paths cap at 2:00.
	VideoWarnSecondsFree float64 `yaml:"video_warn_seconds_free"`
	// VideoMaxSecondsPremium is the longest video on premium plans.
	VideoMaxSecondsPremium float64 `yaml:"video_max_seconds_premium"`
	// VideoMaxBytes is the largest video file.
	VideoMaxBytes int64 `yaml:"video_max_bytes"`
	// VideoMinWidth and VideoMinHeight are the smallest frame.
	VideoMinWidth  int `yaml:"video_min_width"`
	VideoMinHeight int `yaml:"video_min_height"`
	// VideoMaxWidth and VideoMaxHeight are the largest landscape frame;
	// the portrait frame swaps them.
	VideoMaxWidth  int `yaml:"video_max_width"`
	VideoMaxHeight int `yaml:"video_max_height"`
	// VideoMinAspect and VideoMaxAspect bound width/height.
	VideoMinAspect float64 `yaml:"video_min_aspect"`
	VideoMaxAspect float64 `yaml:"video_max_aspect"`
	// VideoMaxFPS is the highest frame rate.
	VideoMaxFPS float64 `yaml:"video_max_fps"`

	// ImageMaxBytes bounds JPEG, PNG and WebP images; GIFMaxBytes GIFs.
	ImageMaxBytes int64 `yaml:"image_max_bytes"`
	GIFMaxBytes   int64 `yaml:"gif_max_bytes"`
	// MaxImages, MaxVideos and MaxGIFs are how many images, videos and
	// GIFs one post may carry.
	MaxImages int `yaml:"max_images"`
	MaxVideos int `yaml:"max_videos"`
	MaxGIFs   int `yaml:"max_gifs"`

	// NearDuplicates near-duplicates inside NearDuplicateWindow, across
	// accounts, count as posting in tight succession.
	NearDuplicates      int      `yaml:"near_duplicates"`
	NearDuplicateWindow Duration `yaml:"near_duplicate_window"`

	// Tiers are the API tiers' post caps.
	Tiers TierTable `yaml:"tiers"`
}

// TierTable holds the caps of each API tier.
type TierTable struct {
	Free       TierLimits `yaml:"free"`
	Basic      TierLimits `yaml:"basic"`
	Pro        TierLimits `yaml:"pro"`
	Enterprise TierLimits `yaml:"enterprise"`
	PayPerUse  TierLimits `yaml:"pay-per-use"`
}

// TierLimits are a tier's post caps for POST /2/tweets; 0 means no cap.
type TierLimits struct {
	// UserPer15Min and UserPer24h cap one user's posts in a rolling window.
	UserPer15Min int `yaml:"user_15m"`
	UserPer24h   int `yaml:"user_24h"`
	// AppPer24h caps the app's posts (every account) in 24 hours.
	AppPer24h int `yaml:"app_24h"`
	// Month caps the app's posts in a calendar month (UTC).
	Month int `yaml:"month"`
}

// Tier returns the caps of a tier by name.
func (t *TierTable) Tier(name string) TierLimits {
	switch name {
	case "basic":
		return t.Basic
	case "pro":
		return t.Pro
	case "enterprise":
		return t.Enterprise
	case "pay-per-use":
		return t.PayPerUse
	}
	return t.Free
}

// DefaultLimits are X's published limits as of 2026 (README: "Limits and
// where they come from").
func DefaultLimits() Limits {
	return Limits{
		TextLength:        280,
		TextLengthPremium: 25000,
		MaxURLs:           10,
		MaxMentions:       50,
		MaxCashtags:       1,

		VideoMinSeconds:        0.5,
		VideoMaxSecondsFree:    140,
		VideoWarnSecondsFree:   120,
		VideoMaxSecondsPremium: 10800,
		VideoMaxBytes:          512 << 20,
		VideoMinWidth:          32,
		VideoMinHeight:         32,
		VideoMaxWidth:          1920,
		VideoMaxHeight:         1200,
		VideoMinAspect:         1.0 / 3,
		VideoMaxAspect:         3,
		VideoMaxFPS:            60,

		ImageMaxBytes: 5 << 20,
		GIFMaxBytes:   15 << 20,
		MaxImages:     4,
		MaxVideos:     1,
		MaxGIFs:       1,

		NearDuplicates:      3,
		NearDuplicateWindow: Duration{time.Hour},

		Tiers: TierTable{
			Free:      TierLimits{UserPer24h: 17, AppPer24h: 17, Month: 500},
			Basic:     TierLimits{UserPer24h: 100, AppPer24h: 1667, Month: 3000},
			Pro:       TierLimits{UserPer15Min: 100, AppPer24h: 10000, Month: 300000},
			PayPerUse: TierLimits{UserPer15Min: 100, AppPer24h: 10000},
		},
	}
}

// checkCounts refuses a fraction where the limits under the config
// document doc want a count: the YAML decoder would quietly turn
// max_urls: 1.5 into 1.
func checkCounts(doc *yaml.Node) error {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	var err error
	eachPair(doc.Content[0], func(key, v *yaml.Node) bool {
		if key.Value == "limits" {
			err = wholeCounts(v, reflect.TypeOf(Limits{}), "limits.")
		}
		return err == nil
	})
	return err
}

// wholeCounts checks that the values n maps to t's integer fields are
// whole numbers, in t's nested structs too.
func wholeCounts(n *yaml.Node, t reflect.Type, prefix string) error {
	fields := make(map[string]reflect.StructField, t.NumField())
	for _, f := range reflect.VisibleFields(t) {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		fields[name] = f
	}
	var err error
	eachPair(n, func(key, v *yaml.Node) bool {
		f, ok := fields[key.Value]
		switch {
		case !ok:
			// Unknown keys are the decoder's to report.
		case f.Type.Kind() >= reflect.Int && f.Type.Kind() <= reflect.Uint64:
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!float" {
				break
			}
			if x, perr := strconv.ParseFloat(v.Value, 64); perr == nil && x != math.Trunc(x) {
				err = fmt.Errorf("line %d: %s%s: %s is not a whole number", v.Line, prefix, key.Value, v.Value)
			}
		case f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(Duration{}):
			err = wholeCounts(v, f.Type, prefix+key.Value+".")
		}
		return err == nil
	})
	return err
}

// eachPair calls fn with each key and value of the mapping n as the
// decoder sees them, until fn returns false: aliases followed, and the
// pairs a merge key ("<<") brings in visited too, unless the mapping or an
// earlier merge already sets their key. A node that is not a mapping has
// no pairs; the decoder says what is wrong with it.
func eachPair(n *yaml.Node, fn func(key, v *yaml.Node) bool) bool {
	seen := make(map[string]bool)
	return eachPairOnce(n, seen, fn)
}

func eachPairOnce(n *yaml.Node, seen map[string]bool, fn func(key, v *yaml.Node) bool) bool {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		return true
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, v := n.Content[i], resolve(n.Content[i+1])
		if key.Kind == yaml.ScalarNode && key.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if seen[key.Value] {
			continue
		}
		seen[key.Value] = true
		if !fn(key, v) {
			return false
		}
	}
	for _, v := range merges {
		merged := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			merged = v.Content
		}
		for _, m := range merged {
			if !eachPairOnce(m, seen, fn) {
				return false
			}
		}
	}
	return true
}

// resolve follows aliases to the node they name; anchors nest at most as
// deep as the document, which the decoder bounds.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// validate refuses negative limits, which are always a typo.
// maxFloatLimit bounds the fractional limits (seconds, frames per second,
// aspect ratios): a billion seconds is 31 years, and the rules compare in
// milliseconds, which 1e30 s would overflow.
const maxFloatLimit = 1e9

func (l *Limits) validate() error {
	var errs []error
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		t := v.Type()
		for i := range t.NumField() {
			f, name := v.Field(i), prefix+t.Field(i).Tag.Get("yaml")
			switch f.Kind() {
			case reflect.Int, reflect.Int64:
				if f.Int() < 0 {
					errs = append(errs, fmt.Errorf("limits.%s must not be negative", name))
				}
			case reflect.Float64:
				switch v := f.Float(); {
				case math.IsNaN(v) || math.IsInf(v, 0):
					errs = append(errs, fmt.Errorf("limits.%s must be a number", name))
				case v < 0:
					errs = append(errs, fmt.Errorf("limits.%s must not be negative", name))
				case v > maxFloatLimit:
					errs = append(errs, fmt.Errorf("limits.%s must be at most %g", name, float64(maxFloatLimit)))
				}
			case reflect.Struct:
				if f.Type() != reflect.TypeOf(Duration{}) {
					walk(f, name+".")
				}
			}
		}
	}
	walk(reflect.ValueOf(l).Elem(), "")
	return errors.Join(errs...)
}

// MaxTextLength is the weighted length limit of a plan.
func (l *Limits) MaxTextLength(plan string) int {
	if IsPremium(plan) {
		return l.TextLengthPremium
	}
	return l.TextLength
}

// IsPremium reports whether a plan is one of the premium plans.
func IsPremium(plan string) bool { return plan == "premium" || plan == "premium-plus" }
