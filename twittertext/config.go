package twittertext

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// Config is a twitter-text configuration, as in twitter-text's config/v1.json,
// v2.json and v3.json. Weights are in units of 1/Scale character.
type Config struct {
	// Version is the configuration version (1, 2 or 3); informative only.
	Version int
	// MaxWeightedTweetLength is the largest valid weighted length.
	MaxWeightedTweetLength int
	// Scale divides every weight to give characters.
	Scale int
	// DefaultWeight is the weight of a code point outside Ranges.
	DefaultWeight int
	// TransformedURLLength is the length, in characters, every URL counts.
	TransformedURLLength int
	// Ranges give the weight of code points in [Start, End]; the first match wins.
	Ranges []WeightRange
	// EmojiParsingEnabled makes each emoji sequence count DefaultWeight once.
	EmojiParsingEnabled bool
}

// WeightRange gives Weight to the code points from Start to End inclusive.
type WeightRange struct {
	Start, End rune
	Weight     int
}

// The weight ranges shared by v2 and v3: Latin, general punctuation spaces,
// dashes, quotes and primes count one character; everything else two.
var weightedRanges = []WeightRange{
	{Start: 0, End: 4351, Weight: 100},
	{Start: 8192, End: 8205, Weight: 100},
	{Start: 8208, End: 8223, Weight: 100},
	{Start: 8242, End: 8247, Weight: 100},
}

var (
	// V1 counts every code point as one character, up to 140.
	V1 = &Config{Version: 1, MaxWeightedTweetLength: 140, Scale: 1, DefaultWeight: 1, TransformedURLLength: 23}
	// V2 weighs code points by range, up to 280, with no emoji parsing.
	V2 = &Config{Version: 2, MaxWeightedTweetLength: 280, Scale: 100, DefaultWeight: 200, TransformedURLLength: 23, Ranges: weightedRanges}
	// V3 is V2 with emoji sequences counting as two characters each; X uses it.
	V3 = &Config{Version: 3, MaxWeightedTweetLength: 280, Scale: 100, DefaultWeight: 200, TransformedURLLength: 23, Ranges: weightedRanges, EmojiParsingEnabled: true}
)

// DefaultConfig returns a copy of V3, the configuration X uses, with its
// own Ranges: a caller may change it without changing V3, which Parse
// uses for a nil config.
func DefaultConfig() *Config {
	c := *V3
	c.Ranges = slices.Clone(V3.Ranges)
	return &c
}

// Bounds for ParseConfig: real configurations are a few hundred bytes.
const (
	maxConfigBytes  = 1 << 20
	maxConfigRanges = 1000
)

type jsonRange struct {
	Start  *int64 `json:"start"`
	End    *int64 `json:"end"`
	Weight *int64 `json:"weight"`
}

type jsonConfig struct {
	Version                *int64      `json:"version"`
	MaxWeightedTweetLength *int64      `json:"maxWeightedTweetLength"`
	Scale                  *int64      `json:"scale"`
	DefaultWeight          *int64      `json:"defaultWeight"`
	TransformedURLLength   *int64      `json:"transformedURLLength"`
	Ranges                 []jsonRange `json:"ranges"`
	EmojiParsingEnabled    bool        `json:"emojiParsingEnabled"`
}

// ParseConfig reads a twitter-text JSON configuration (the v1, v2 and v3
// shapes). Unknown keys, missing required keys and out-of-range values are
// errors.
func ParseConfig(data []byte) (*Config, error) {
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("twitter-text config is %d bytes; at most %d allowed", len(data), maxConfigBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var jc jsonConfig
	if err := dec.Decode(&jc); err != nil {
		return nil, fmt.Errorf("twitter-text config: %w", err)
	}
	if dec.More() {
		return nil, errors.New("twitter-text config: trailing data after the object")
	}
	const big = 1 << 30 // keeps products like max*scale inside an int on every platform
	get := func(name string, p *int64, lo, hi int64) (int, error) {
		if p == nil {
			return 0, fmt.Errorf("twitter-text config: missing %q", name)
		}
		if *p < lo || *p > hi {
			return 0, fmt.Errorf("twitter-text config: %q is %d; want %d to %d", name, *p, lo, hi)
		}
		return int(*p), nil
	}
	c := &Config{EmojiParsingEnabled: jc.EmojiParsingEnabled}
	var err error
	if jc.Version != nil {
		if c.Version, err = get("version", jc.Version, 0, big); err != nil {
			return nil, err
		}
	}
	if c.MaxWeightedTweetLength, err = get("maxWeightedTweetLength", jc.MaxWeightedTweetLength, 1, 1<<20); err != nil {
		return nil, err
	}
	if c.Scale, err = get("scale", jc.Scale, 1, 1<<10); err != nil {
		return nil, err
	}
	if c.DefaultWeight, err = get("defaultWeight", jc.DefaultWeight, 0, 1<<16); err != nil {
		return nil, err
	}
	if c.TransformedURLLength, err = get("transformedURLLength", jc.TransformedURLLength, 0, 1<<16); err != nil {
		return nil, err
	}
	if len(jc.Ranges) > maxConfigRanges {
		return nil, fmt.Errorf("twitter-text config: %d ranges; at most %d allowed", len(jc.Ranges), maxConfigRanges)
	}
	for i, r := range jc.Ranges {
		name := fmt.Sprintf("ranges[%d].", i)
		start, err := get(name+"start", r.Start, 0, 0x10FFFF)
		if err != nil {
			return nil, err
		}
		end, err := get(name+"end", r.End, 0, 0x10FFFF)
		if err != nil {
			return nil, err
		}
		w, err := get(name+"weight", r.Weight, 0, 1<<16)
		if err != nil {
			return nil, err
		}
		if end < start {
			return nil, fmt.Errorf("twitter-text config: %send %d is before start %d", name, end, start)
		}
		c.Ranges = append(c.Ranges, WeightRange{Start: rune(start), End: rune(end), Weight: w})
	}
	return c, nil
}

// weight returns the weight of one UTF-16 code unit, as twitter-text's
// getCharacterWeight does: it looks only at the first code unit, so a
// supplementary-plane character is weighed by its high surrogate.
func (c *Config) weight(unit rune) int {
	for _, r := range c.Ranges {
		if unit >= r.Start && unit <= r.End {
			return r.Weight
		}
	}
	return c.DefaultWeight
}
