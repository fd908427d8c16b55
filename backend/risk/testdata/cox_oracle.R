# cox_oracle.R DATA_OUT.CSV FIT_OUT.CSV
#
# The outside oracle for ChurnDesk's Cox model. It writes R's veteran data
# set (survival package; lung cancer trial) as a numeric design matrix —
# treatment, cell type as three indicators against squamous, Karnofsky
# score, months from diagnosis, age, prior therapy — to DATA_OUT.CSV, fits
# survival::coxph with Breslow ties on it, and writes each coefficient, its
# standard error and the fit's concordance to FIT_OUT.CSV.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
x <- model.matrix(~ trt + celltype + karno + diagtime + age + prior, data = veteran)[, -1]
colnames(x) <- c("trt", "smallcell", "adeno", "large", "karno", "diagtime", "age", "prior")
data <- data.frame(time = veteran$time, status = veteran$status, x)
write.csv(data, args[1], row.names = FALSE)
fit <- coxph(Surv(time, status) ~ ., data = data, ties = "breslow", control = coxph.control(eps = 1e-10, iter.max = 100))
out <- data.frame(term = names(coef(fit)), coef = unname(coef(fit)), se = unname(sqrt(diag(vcov(fit)))))
out <- rbind(out, data.frame(term = "concordance", coef = unname(fit$concordance["concordance"]), se = NA))
out <- rbind(out, data.frame(term = "loglik", coef = fit$loglik[2], se = fit$loglik[1]))
write.csv(out, args[2], row.names = FALSE, na = "")
