# km_oracle.R LIVES.CSV ASOF.CSV KM_OUT.CSV COHORTS_OUT.CSV
#
# The outside oracle for ChurnDesk's retention curve and cohort table.
# LIVES.CSV has one customer life per row (portfolio, start, churn:
# YYYY-MM-DD, churn empty while the life goes on); ASOF.CSV lists the as-of
# days. Each portfolio is read as of each day. For each
# as-of day the lives are taken as they stood that day (a life that starts
# later does not exist yet; one that churns later is censored at the as-of
# day), then R's survival package fits the Kaplan–Meier curve with the
# plain Greenwood band, and the monthly cohorts are counted.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
lives <- read.csv(args[1], colClasses = "character")
asofs <- read.csv(args[2], colClasses = "character")$as_of
lives$start <- as.Date(lives$start)
lives$churn <- as.Date(ifelse(lives$churn == "", NA, lives$churn))

km_rows <- list()
cohort_rows <- list()
for (p in unique(lives$portfolio)) for (a in asofs) {
  as_of <- as.Date(a)
  l <- lives[lives$portfolio == p & lives$start <= as_of, ]
  event <- !is.na(l$churn) & l$churn <= as_of
  end <- as.Date(ifelse(event, as.character(l$churn), as.character(as_of)))
  time <- as.numeric(end - l$start)
  fit <- survfit(Surv(time, as.integer(event)) ~ 1, conf.type = "plain", conf.int = 0.95)
  km_rows[[length(km_rows) + 1]] <- data.frame(portfolio = p, as_of = a, time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event,
                             surv = fit$surv, lower = fit$lower, upper = fit$upper, total = nrow(l))

  month <- format(l$start, "%Y-%m")
  months <- sort(unique(month))
  months <- tail(months, 24)
  for (m in months) {
    members <- which(month == m)
    first <- as.Date(paste0(m, "-01"))
    k <- 0
    repeat {
      # The last day of month k after the cohort's month.
      next_first <- seq(first, by = "month", length.out = k + 2)[k + 2]
      month_end <- next_first - 1
      if (month_end > as_of) break
      alive <- sum(!event[members] | l$churn[members] > month_end)
      cohort_rows[[length(cohort_rows) + 1]] <- data.frame(portfolio = p, as_of = a, month = m, k = k, size = length(members), alive = alive)
      k <- k + 1
    }
  }
}
write.csv(do.call(rbind, km_rows), args[3], row.names = FALSE)
write.csv(do.call(rbind, cohort_rows), args[4], row.names = FALSE)
