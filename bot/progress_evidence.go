package bot

import (
	"quickwin/telegram"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"quickwin"
)

// Evidence (bukti dukung) is kept as Telegram file ids: the files stay on
// Telegram's servers and the bot shows them again by id.

// evidenceState is the question that collects photos and documents, one
// message or several, until the person presses "done". intro says what the
// evidence is for; next runs when the person is done and returns the next
// state.
func evidenceState(step int, intro func(r *Request, c *Conv) (string, error), next func(r *Request, c *Conv) (string, error)) *State {
	return &State{Step: step,
		Ask: func(r *Request, c *Conv) (string, [][]quickwin.Button, error) {
			head, err := intro(r, c)
			if err != nil {
				return "", nil, err
			}
			v, n := r.Bot.viewOf(r), len(evidenceOf(c))
			label := v.TN("qw.ev.done", n, nil)
			if n == 0 {
				label = r.T("qw.ev.none", nil)
			}
			return head + "\n\n" + v.TN("qw.ev.ask", n, map[string]any{"Max": maxEvidence}), [][]quickwin.Button{{c.Choice(label, "done")}}, nil
		},
		Answer: func(r *Request, c *Conv, in Input) (string, error) {
			if len(in.Files) > 0 {
				ev := append(evidenceOf(c), in.Files...)
				if len(ev) > maxEvidence {
					return "", invalidAnswer("qw.invalid.ev_max", map[string]any{"Max": maxEvidence})
				}
				setJSON(c, "ev", ev)
				return c.State, nil
			}
			if in.Value == "done" || skipped(in) || doneWords[quickwin.Keyword(in.Text)] {
				return next(r, c)
			}
			return "", invalidAnswer("qw.invalid.ev", nil)
		},
	}
}

// doneWords are what people type instead of pressing "done".
var doneWords = map[string]bool{"selesai": true, "sudah": true, "cukup": true, "lanjut": true, "done": true, "finish": true, "next": true, "ok": true}

// evidenceSummary is "2 foto, 1 dokumen", or "" without evidence.
func (v qwView) evidenceSummary(ev []quickwin.Evidence) string {
	photos, docs := splitEvidence(ev)
	var parts []string
	if len(photos) > 0 {
		parts = append(parts, v.TN("qw.ev.photos", len(photos), nil))
	}
	if len(docs) > 0 {
		parts = append(parts, v.TN("qw.ev.docs", len(docs), nil))
	}
	return strings.Join(parts, ", ")
}

func splitEvidence(ev []quickwin.Evidence) (photos, docs []quickwin.Evidence) {
	for _, e := range ev {
		if e.Kind == "photo" {
			photos = append(photos, e)
		} else {
			docs = append(docs, e)
		}
	}
	return photos, docs
}

// sendEvidence shows evidence in the request's chat: a single file with
// sendPhoto or sendDocument, several as albums (Telegram does not mix photos
// and documents in one album), the caption on the first. A file Telegram no
// longer knows is logged and reported as false; it never stops the caller.
func (b *Bot) sendEvidence(r *Request, ev []quickwin.Evidence, caption string) bool {
	ok := true
	photos, docs := splitEvidence(ev)
	for _, group := range [][]quickwin.Evidence{photos, docs} {
		for len(group) > 0 {
			n := min(len(group), maxEvidence)
			if err := b.sendEvidenceFiles(r, group[:n], caption); err != nil {
				b.Log.WarnContext(r.Ctx, "could not show evidence", "chat", r.ChatID, "err", err)
				ok = false
			}
			group, caption = group[n:], ""
		}
	}
	return ok
}

func (b *Bot) sendEvidenceFiles(r *Request, files []quickwin.Evidence, caption string) error {
	if len(files) == 1 {
		f := files[0]
		m := telegram.Message{ChatID: r.ChatID, Text: caption, FileID: f.FileID}
		if f.Kind == "photo" {
			m.FileID, m.PhotoFileID = "", f.FileID
		}
		_, err := b.Client.Reply(r.Ctx, m)
		return err
	}
	media := make([]any, len(files))
	for i, f := range files {
		c := ""
		if i == 0 {
			c = caption
		}
		if f.Kind == "photo" {
			p := tgbotapi.NewInputMediaPhoto(tgbotapi.FileID(f.FileID))
			p.Caption, p.ParseMode = c, tgbotapi.ModeHTML
			media[i] = p
		} else {
			d := tgbotapi.NewInputMediaDocument(tgbotapi.FileID(f.FileID))
			d.Caption, d.ParseMode = c, tgbotapi.ModeHTML
			media[i] = d
		}
	}
	return b.Client.SendMediaGroup(r.Ctx, r.ChatID, media)
}
