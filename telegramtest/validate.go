package telegramtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
)

// Limits Telegram applies (counted in UTF-16 code units after entity parsing).
const (
	MaxTextLen    = 4096
	MaxCaptionLen = 1024
)

var inlineActions = []string{
	"callback_data", "url", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
	"switch_inline_query_chosen_chat", "callback_game", "pay", "web_app", "copy_text",
}

// parseReplyMarkup decodes reply_markup as Telegram would. kb/canon describe
// an inline keyboard (nil if none); replyKB holds custom keyboard texts.
func parseReplyMarkup(raw string) (kb Keyboard, canon json.RawMessage, replyKB [][]string, e *apiError) {
	if raw == "" {
		return nil, nil, nil, nil
	}
	var m struct {
		InlineKeyboard [][]map[string]json.RawMessage `json:"inline_keyboard"`
		Keyboard       [][]json.RawMessage            `json:"keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, nil, nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	for _, row := range m.InlineKeyboard {
		var brow []Button
		for _, btn := range row {
			for k, v := range btn {
				if string(v) == "null" {
					delete(btn, k)
				}
			}
			var b Button
			if err := json.Unmarshal(btn["text"], &b.Text); err != nil || b.Text == "" {
				return nil, nil, nil, badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
			}
			actions := 0
			for _, a := range inlineActions {
				if _, ok := btn[a]; ok {
					actions++
				}
			}
			if actions == 0 {
				return nil, nil, nil, badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
			}
			if v, ok := btn["callback_data"]; ok {
				if err := json.Unmarshal(v, &b.CallbackData); err != nil || len(b.CallbackData) < 1 || len(b.CallbackData) > 64 {
					return nil, nil, nil, badRequest("BUTTON_DATA_INVALID")
				}
			}
			if v, ok := btn["url"]; ok {
				_ = json.Unmarshal(v, &b.URL)
				u, err := url.Parse(b.URL)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "tg") || (u.Scheme != "tg" && u.Host == "") {
					return nil, nil, nil, badRequest("inline keyboard button URL '%s' is invalid: Wrong HTTP URL", b.URL)
				}
			}
			brow = append(brow, b)
		}
		if len(brow) > 0 {
			kb = append(kb, brow)
		}
	}
	if len(kb) > 0 {
		canon, _ = json.Marshal(struct {
			InlineKeyboard [][]map[string]json.RawMessage `json:"inline_keyboard"`
		}{m.InlineKeyboard})
	}
	for _, row := range m.Keyboard {
		var texts []string
		for _, btn := range row {
			var t string
			if json.Unmarshal(btn, &t) != nil {
				var o struct {
					Text string `json:"text"`
				}
				_ = json.Unmarshal(btn, &o)
				t = o.Text
			}
			texts = append(texts, t)
		}
		replyKB = append(replyKB, texts)
	}
	return kb, canon, replyKB, nil
}

// checkText validates parse_mode, (when strict) the markup syntax, and the
// length limit.
func checkText(text, parseMode string, limit int, tooLong string, strict bool) *apiError {
	mode := strings.ToLower(parseMode)
	var err error
	switch mode {
	case "":
	case "html":
		if strict {
			err = checkHTML(text)
		}
	case "markdown":
		if strict {
			err = checkMarkdown(text)
		}
	case "markdownv2":
		if strict {
			err = checkMarkdownV2(text)
		}
	default:
		return badRequest("unsupported parse_mode")
	}
	if err != nil {
		return badRequest("can't parse entities: %v", err)
	}
	if utf16Len(visibleText(text, mode)) > limit {
		return badRequest("%s", tooLong)
	}
	return nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// visibleText approximates the text left after entity parsing.
func visibleText(text, mode string) string {
	switch mode {
	case "html":
		var sb strings.Builder
		for {
			i := strings.IndexByte(text, '<')
			if i < 0 {
				sb.WriteString(text)
				break
			}
			sb.WriteString(text[:i])
			j := strings.IndexByte(text[i:], '>')
			if j < 0 {
				break
			}
			text = text[i+j+1:]
		}
		return html.UnescapeString(sb.String())
	case "markdownv2":
		var sb strings.Builder
		for i := 0; i < len(text); i++ {
			if text[i] == '\\' && i+1 < len(text) {
				i++
			}
			sb.WriteByte(text[i])
		}
		return sb.String()
	}
	return text
}

var htmlTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true,
	"strike": true, "del": true, "span": true, "tg-spoiler": true, "a": true, "code": true,
	"pre": true, "blockquote": true, "tg-emoji": true,
}

func checkHTML(text string) error {
	var stack []string
	for i := 0; i < len(text); i++ {
		if text[i] != '<' {
			continue
		}
		j := strings.IndexByte(text[i:], '>')
		if j < 0 {
			return fmt.Errorf("Unclosed start tag at byte offset %d", i)
		}
		tag := text[i+1 : i+j]
		if strings.HasPrefix(tag, "/") {
			name := strings.ToLower(strings.TrimSpace(tag[1:]))
			if len(stack) == 0 || stack[len(stack)-1] != name {
				return fmt.Errorf("Unexpected end tag at byte offset %d", i)
			}
			stack = stack[:len(stack)-1]
		} else {
			name := tag
			if k := strings.IndexAny(name, " \t\n/"); k >= 0 {
				name = name[:k]
			}
			name = strings.ToLower(name)
			if !htmlTags[name] {
				return fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, i)
			}
			stack = append(stack, name)
		}
		i += j
	}
	if len(stack) > 0 {
		return fmt.Errorf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1])
	}
	return nil
}

// checkMarkdown mimics the legacy Markdown parser: *bold*, _italic_,
// `code`, ```pre``` and [text](url) must be closed; their content is literal.
func checkMarkdown(text string) error {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\\':
			if i+1 < len(text) && strings.IndexByte("_*`[", text[i+1]) >= 0 {
				i++
			}
		case '*', '_':
			j := strings.IndexByte(text[i+1:], c)
			if j < 0 {
				return fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
			}
			i += j + 1
		case '`':
			if strings.HasPrefix(text[i:], "```") {
				j := strings.Index(text[i+3:], "```")
				if j < 0 {
					return fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
				}
				i += j + 5
				continue
			}
			j := strings.IndexByte(text[i+1:], '`')
			if j < 0 {
				return fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
			}
			i += j + 1
		case '[':
			j := strings.IndexByte(text[i:], ']')
			if j > 0 && i+j+1 < len(text) && text[i+j+1] == '(' {
				k := strings.IndexByte(text[i+j:], ')')
				if k < 0 {
					return fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
				}
				i += j + k
			}
		}
	}
	return nil
}

// checkMarkdownV2 flags unescaped reserved characters and unclosed
// entities (approximation of Telegram's parser).
func checkMarkdownV2(text string) error {
	var inCode, inPre, inURL bool
	counts := map[byte]int{}
	first := map[byte]int{}
	spoilers, brackets := 0, 0
	lineStart := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		wasLineStart := lineStart
		lineStart = c == '\n'
		if c == '\\' {
			i++
			continue
		}
		switch {
		case inPre:
			if strings.HasPrefix(text[i:], "```") {
				inPre = false
				i += 2
			}
			continue
		case inCode:
			if c == '`' {
				inCode = false
			}
			continue
		case inURL:
			if c == ')' {
				inURL = false
			}
			continue
		}
		switch c {
		case '`':
			if strings.HasPrefix(text[i:], "```") {
				inPre = true
				i += 2
			} else {
				inCode = true
			}
		case '*', '_', '~':
			if counts[c] == 0 {
				first[c] = i
			}
			counts[c]++
		case '|':
			if i+1 < len(text) && text[i+1] == '|' {
				spoilers++
				i++
			} else {
				return reserved(c)
			}
		case '[':
			brackets++
		case ']':
			if brackets == 0 {
				return reserved(c)
			}
			brackets--
			if i+1 < len(text) && text[i+1] == '(' {
				inURL = true
				i++
			}
		case '>':
			if !wasLineStart {
				return reserved(c)
			}
		case '!':
			if i+1 >= len(text) || text[i+1] != '[' {
				return reserved(c)
			}
		case '#', '+', '-', '=', '{', '}', '.', '(', ')':
			return reserved(c)
		}
	}
	switch {
	case inPre:
		return errors.New("Can't find end of Pre entity")
	case inCode:
		return errors.New("Can't find end of Code entity")
	case inURL:
		return errors.New("Can't find end of a URL")
	case brackets > 0:
		return errors.New("Can't find end of TextUrl entity")
	case spoilers%2 != 0:
		return errors.New("Can't find end of Spoiler entity")
	}
	names := map[byte]string{'*': "Bold", '_': "Italic", '~': "Strikethrough"}
	for _, c := range []byte("*_~") {
		if counts[c]%2 != 0 {
			return fmt.Errorf("Can't find end of %s entity at byte offset %d", names[c], first[c])
		}
	}
	return nil
}

func reserved(c byte) error {
	return fmt.Errorf("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
}
