package importer

import "strings"

// ValueTables translate a file's codes into what ChurnDesk stores, per field
// (industry, status), keys lower-case.
type ValueTables map[string]map[string]string

// valueTables merges the preset's tables with the user's (the user's win).
func valueTables(preset Preset, user map[string]map[string]string) ValueTables {
	out := ValueTables{"status": {}}
	for k, v := range statusWords {
		out["status"][k] = v
	}
	for _, src := range []map[string]map[string]string{preset.Values, user} {
		for field, table := range src {
			if out[field] == nil {
				out[field] = map[string]string{}
			}
			for k, v := range table {
				out[field][strings.ToLower(strings.TrimSpace(k))] = v
			}
		}
	}
	return out
}

// lookup translates code; a field without a table keeps codes as they are.
func (vt ValueTables) lookup(field, code string) (string, bool) {
	table := vt[field]
	if len(table) == 0 {
		return code, true
	}
	v, ok := table[strings.ToLower(code)]
	return v, ok
}

// hubspotIndustries are some of HubSpot's industry codes, as its exports
// write them, with the words a team would use.
var hubspotIndustries = map[string]string{
	"ACCOUNTING": "Accounting", "AIRLINES_AVIATION": "Airlines and aviation", "APPAREL_FASHION": "Apparel and fashion",
	"AUTOMOTIVE": "Automotive", "BANKING": "Banking", "COMPUTER_SOFTWARE": "Software", "CONSTRUCTION": "Construction",
	"CONSUMER_GOODS": "Consumer goods", "E_LEARNING": "E-learning", "EDUCATION_MANAGEMENT": "Education",
	"FINANCIAL_SERVICES": "Financial services", "FOOD_BEVERAGES": "Food and beverages", "FOOD_PRODUCTION": "Food production",
	"HOSPITAL_HEALTH_CARE": "Healthcare", "HOSPITALITY": "Hospitality", "INFORMATION_TECHNOLOGY_AND_SERVICES": "IT services",
	"INSURANCE": "Insurance", "INTERNET": "Internet", "LAW_PRACTICE": "Legal", "LEGAL_SERVICES": "Legal",
	"LOGISTICS_AND_SUPPLY_CHAIN": "Logistics", "MACHINERY": "Machinery", "MANAGEMENT_CONSULTING": "Consulting",
	"MARKETING_AND_ADVERTISING": "Marketing and advertising", "MEDIA_PRODUCTION": "Media", "MECHANICAL_OR_INDUSTRIAL_ENGINEERING": "Engineering",
	"NONPROFIT_ORGANIZATION_MANAGEMENT": "Non-profit", "REAL_ESTATE": "Real estate", "RETAIL": "Retail",
	"STAFFING_AND_RECRUITING": "Staffing and recruiting", "TELECOMMUNICATIONS": "Telecommunications",
	"TRANSPORTATION_TRUCKING_RAILROAD": "Transportation", "WHOLESALE": "Wholesale",
	// HubSpot's exports write an option's label, its imports take either.
	"Accounting": "Accounting", "Airlines/Aviation": "Airlines and aviation", "Apparel & Fashion": "Apparel and fashion",
	"Automotive": "Automotive", "Banking": "Banking", "Computer Software": "Software", "Construction": "Construction",
	"Consumer Goods": "Consumer goods", "E-Learning": "E-learning", "Education Management": "Education",
	"Financial Services": "Financial services", "Food & Beverages": "Food and beverages", "Food Production": "Food production",
	"Hospital & Health Care": "Healthcare", "Hospitality": "Hospitality", "Information Technology and Services": "IT services",
	"Insurance": "Insurance", "Internet": "Internet", "Law Practice": "Legal", "Legal Services": "Legal",
	"Logistics and Supply Chain": "Logistics", "Machinery": "Machinery", "Management Consulting": "Consulting",
	"Marketing and Advertising": "Marketing and advertising", "Media Production": "Media", "Mechanical or Industrial Engineering": "Engineering",
	"Nonprofit Organization Management": "Non-profit", "Real Estate": "Real estate", "Retail": "Retail",
	"Staffing and Recruiting": "Staffing and recruiting", "Telecommunications": "Telecommunications",
	"Transportation/Trucking/Railroad": "Transportation", "Wholesale": "Wholesale",
}

// stripeFeedback maps Stripe's cancellation feedback values to the default
// churn reasons.
var stripeFeedback = map[string]string{
	"too_expensive": "price_budget", "missing_features": "missing_feature", "switched_service": "competitor",
	"unused": "low_usage", "customer_service": "support_experience", "too_complex": "low_usage",
	"low_quality": "product_quality", "other": "other",
}

// freeMail are mailbox providers whose domain says nothing about a company.
var freeMail = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "outlook.com": true, "hotmail.com": true, "live.com": true, "yahoo.com": true,
	"icloud.com": true, "me.com": true, "aol.com": true, "proton.me": true, "protonmail.com": true, "gmx.de": true,
	"gmx.net": true, "web.de": true, "mail.ru": true, "yandex.ru": true, "ya.ru": true, "bk.ru": true, "list.ru": true,
	"inbox.ru": true, "rambler.ru": true, "wp.pl": true, "o2.pl": true, "onet.pl": true, "interia.pl": true, "op.pl": true,
}

// emailDomain is the company domain of an email address, "" for a free mailbox.
func emailDomain(email string) string {
	_, d, ok := strings.Cut(strings.ToLower(strings.TrimSpace(email)), "@")
	if !ok || freeMail[d] {
		return ""
	}
	return d
}
