package offboarding

import (
	"gorm.io/gorm"

	"churndesk/backend/texts"
)

// stepTexts finds the template text of each step key, over every template.
func stepTexts(db *gorm.DB) map[string]ItemTemplate {
	set, err := loadSettings(db)
	if err != nil {
		return nil
	}
	out := map[string]ItemTemplate{}
	for _, t := range set.Templates {
		for _, it := range t.Items {
			if _, seen := out[it.Key]; !seen {
				out[it.Key] = it
			}
		}
	}
	return out
}

// translate writes a step's stored text (written from its template in the
// checklist's language) in lang instead; a text someone edited stays as typed.
func translate(steps map[string]ItemTemplate, key, stored, written string, field func(ItemTemplate) Text, lang string) string {
	t, ok := steps[key]
	if !ok || key == "" {
		return stored
	}
	if f := field(t); stored == f.In(written) {
		return f.In(lang)
	}
	return stored
}

func titleOf(t ItemTemplate) Text    { return t.Title }
func guidanceOf(t ItemTemplate) Text { return t.Guidance }

// inLanguage writes c's steps (and its next step) in lang, the reader's language.
func inLanguage(db *gorm.DB, c *Checklist, lang string) {
	steps := stepTexts(db)
	for i, it := range c.Items {
		c.Items[i].Title = translate(steps, it.Key, it.Title, c.Language, titleOf, lang)
		c.Items[i].Guidance = translate(steps, it.Key, it.Guidance, c.Language, guidanceOf, lang)
	}
	c.NextDueTitle = translate(steps, c.nextKey, c.NextDueTitle, c.Language, titleOf, lang)
}

// summariesInLanguage writes each summary's next step in lang.
func summariesInLanguage(db *gorm.DB, sums []Summary, lang string) {
	steps := stepTexts(db)
	for i := range sums {
		sums[i].NextDueTitle = translate(steps, sums[i].nextKey, sums[i].NextDueTitle, sums[i].Language, titleOf, lang)
	}
}

// docWord is one fixed word of the checklist documents in lang.
func docWord(lang, word string) string { return texts.Text(lang, "offboarding.doc."+word) }

// docRole names a step's owner role in lang.
func docRole(lang, role string) string { return texts.Text(lang, "offboarding.role."+role) }
