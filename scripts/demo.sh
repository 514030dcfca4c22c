#!/usr/bin/env bash
# Builds the project, creates a demo PKI (once), and runs a whole night on the embedded PostgreSQL:
# - customs: signs the sample EDIFACT interchanges and XML batches with their senders' demo keys and runs the
#   customs job over them; then a second customs night with two banks' credit advices paying what the answers
#   asked for (CreditAdviceGenerator): payments matched, paid imports released with a release notice;
# - procurement: the agencies publish signed tender notices, the vendors seal and sign bids (good ones and one
#   for each refusal), bid intake answers each with a receipt, and the opening of the tenders that are due runs
#   with the clock fixed at their opening time.
# Everything the run writes goes under ./var (inbox, outbox, archive, quarantine, reports, pki, procurement,
# pgdata). Extra arguments go to the customs run. Needs GNU date.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
JAR=batch-app/target/batch-app-0.1.0-SNAPSHOT.jar
edibatch() { java -jar "$JAR" "$@"; }
# the agencies' and vendors' keys came with the procurement tools: a PKI from before them is made anew
if [[ ! -f var/pki/parties/agency-encryption.p12 ]]; then
  edibatch pki init var/pki
fi
edibatch sign-samples var/pki sample-messages/edifact var/inbox
edibatch sign-samples var/pki sample-messages/xml var/inbox
set +e
# the files were signed into the inbox just now: no need to wait for them to settle (edibatch.intake.settle)
edibatch run customs --edibatch.home=var --edibatch.intake.settle=0s "$@"
code=$?
set -e
echo "exit code ${code} (0 all accepted, 2 done with rejections, 3 failed: rerun to resume, 4 locked, 5 ledger differs, 64 usage)"

# ---- night 2: the banks pay the duty the first night's answers asked for ----
# CreditAdviceGenerator reads the payment numbers and amounts due from a sender's CUSRES answers and pays them all:
# Hanguk Commercial Bank HANBITTRD's in a CREMUL, Dongbang Savings Bank SEOULELEC's in a camt.054. The second night
# matches each credit to its declaration and releases the green imports paid in full, with a release notice.
echo
echo "night 2: the banks pay the duty the answers asked for (CREMUL and camt.054)"
PAY=var/payments-demo
rm -rf "$PAY"
generate() { java -cp benchmarks/target/benchmarks.jar org.edibatch.samples.load.CreditAdviceGenerator "$@"; }
generate --out "$PAY/advices" --outbox var/outbox/HANBITTRD --bank HANGUKBANK --seed 1 --camt-percent 0
generate --out "$PAY/advices" --outbox var/outbox/SEOULELEC --bank DONGBANGBK --seed 2 --camt-percent 100
edibatch sign-samples var/pki "$PAY/advices" var/inbox
set +e
edibatch run customs --edibatch.home=var --edibatch.intake.settle=0s "$@" | tee "$PAY/night2.out"
night2=${PIPESTATUS[0]}
set -e
run2=$(sed -n 's/^run \([0-9]*\) completed.*/\1/p' "$PAY/night2.out" | tail -1)
echo "night 2 exit code ${night2} (2: credits that were not a plain payment, such as P12 for a declaration its sender"
echo "  cancelled after its first answer: owed back to the importer; listed in the exception file and the receipts)"
echo "payments and releases of night 2:"
echo "  credits matched:   var/reports/run-${run2:-<id>}/ledger-summary.txt (payments, receivables proof)"
echo "  bank answers:      var/outbox/HANGUKBANK/CONTRL_<ref>_<file id>.edi (CREMUL),"
echo "                     var/outbox/DONGBANGBK/CREDIT-ADVICE-RECEIPT_<ref>_<file id>.xml (camt.054)"
for notice in var/outbox/*/CUSRES-RELEASE_R"${run2:-x}".*; do
  if [[ -f "$notice" ]]; then echo "  release notice:    $notice"; fi
done
if (( night2 != 0 && night2 != 2 )); then code=$night2; elif (( night2 == 2 && code == 0 )); then code=2; fi

# ---- procurement: tender notices, bids, intake, opening ----
echo
echo "procurement: publishing tender notices and sealing bids"
PKI=var/pki
TENDERS=var/procurement/tenders-inbox
BIDS=var/procurement/bids-inbox
SCRATCH=var/procurement/demo-scratch
mkdir -p "$SCRATCH"
# TDEMO-1 closes and opens at the next minute; intake and opening run with the clock fixed at that minute (the
# deadline is inclusive), so its bids are in time and it is due however long the steps take. TDEMO-2 closed an
# hour before: a bid for it is late.
open_epoch=$(( ($(date +%s) / 60 + 1) * 60 ))
OPENING=$(TZ=Asia/Seoul date -d "@${open_epoch}" +%Y-%m-%dT%H:%M:%S+09:00)
OPENING_UTC=$(date -u -d "@${open_epoch}" +%Y-%m-%dT%H:%M:%SZ)
CLOSED=$(TZ=Asia/Seoul date -d "@$(( open_epoch - 3600 ))" +%Y-%m-%dT%H:%M:%S+09:00)
ENC=$PKI/certs/agency-encryption.pem
PPS="$PKI/parties/AG-PPS.p12 changeit"
edibatch tender publish $PPS --id=TDEMO-1 --agency=AG-PPS --title="Demo road works" --kind=CONSTRUCTION \
  --base-amount=500000000 --deadline="$OPENING" --opening="$OPENING" --encryption-cert="$ENC" --to="$TENDERS"
edibatch tender publish $PPS --id=TDEMO-2 --agency=AG-PPS --title="Demo drainage" --kind=CONSTRUCTION \
  --base-amount=500000000 --deadline="$CLOSED" --opening="$OPENING" --encryption-cert="$ENC" --to="$TENDERS"
# refused notices: unsigned (T30), altered after signing (T31), signed by another agency (T32)
edibatch tender publish $PPS --id=TDEMO-3 --agency=AG-PPS --title="Unsigned" --kind=CONSTRUCTION \
  --base-amount=500000000 --deadline="$OPENING" --opening="$OPENING" --encryption-cert="$ENC" --to="$SCRATCH" >/dev/null
cp "$SCRATCH/TDEMO-3.xml" "$TENDERS/TDEMO-3-unsigned.xml"
edibatch tender publish $PPS --id=TDEMO-4 --agency=AG-PPS --title="Altered" --kind=CONSTRUCTION \
  --base-amount=500000000 --deadline="$OPENING" --opening="$OPENING" --encryption-cert="$ENC" --to="$SCRATCH" >/dev/null
cp "$SCRATCH/TDEMO-4.xml.p7s" "$TENDERS/TDEMO-4-altered.xml.p7s"
sed 's/500000000/900000000/' "$SCRATCH/TDEMO-4.xml" > "$TENDERS/TDEMO-4-altered.xml"
edibatch tender publish "$PKI/parties/AG-SEOUL.p12" changeit --id=TDEMO-5 --agency=AG-PPS --title="Not Seoul's" \
  --kind=CONSTRUCTION --base-amount=500000000 --deadline="$OPENING" --opening="$OPENING" --encryption-cert="$ENC" \
  --to="$TENDERS" >/dev/null

NOTICE=--notice=$TENDERS/TDEMO-1.xml
seal() { local vendor=$1; shift; edibatch bid seal "$PKI/parties/${vendor}.p12" changeit --to="$BIDS" "$@"; }
# good bids, screened from the lowest eligible up by the qualification review (70 - 4 x |90 - price/reserve %|
# plus the vendor's points, pass 95): whatever the draw puts the reserve at (490M..510M), one of them is eligible
# and passes (V004 for a reserve up to ~497M, V002 from ~496M, V005 from ~503M), and the others are named with
# their scores or refused below the lower limit
seal V004 --bidder=V004 --price=446000000 --picks=1,5 "$NOTICE"
seal V002 --bidder=V002 --price=452500000 --picks=3,12 "$NOTICE"
seal V005 --bidder=V005 --price=458000000 --picks=2,9 "$NOTICE"
# refused at opening: below any lower limit (O20), above any reserve price (O21, in EDIFACT: its award notice
# is an APERAK), sealed to someone else (O10)
seal V001 --bidder=V001 --price=300000000 --picks=3,7 "$NOTICE"
seal V003 --bidder=V003 --price=600000000 --picks=7,12 "$NOTICE" --format=EDIFACT
seal V006 --bidder=V006 --price=470000000 --picks=4,8 --tender=TDEMO-1 --agency-cert="$PKI/certs/V001.pem"
# refused at intake: one per code
seal V001 --bidder=V001 --price=460000000 --picks=5,9 "$NOTICE" --name=z-V001-second-bid.xml    # B50 (claimed after)
seal V001 --bidder=V777 --price=470000000 --picks=5,9 "$NOTICE" --name=B40-unregistered.xml     # B40
seal V006 --bidder=V005 --price=470000000 --picks=5,9 "$NOTICE" --name=B32-other-signer.xml     # B32
seal V009 --bidder=V009 --price=470000000 --picks=5,9 "$NOTICE" --name=B41-debarred.xml         # B41 (debarred 2026-06-01..2027-05-31)
seal V002 --bidder=V002 --price=470000000 --picks=5,9 --tender=TNONE-1 --agency-cert="$ENC" --name=B10-no-tender.xml
seal V002 --bidder=V002 --price=470000000 --picks=5,9 --notice="$TENDERS/TDEMO-2.xml" --name=B20-late.xml
seal V006 --bidder=V006 --price=470000000 --picks=4,4 "$NOTICE" --name=B60-same-picks.xml
seal V005 --bidder=V005 --price=470000000 --picks=5,9 "$NOTICE" --name=B30-unsigned.xml
rm "$BIDS/B30-unsigned.xml.p7s"
seal V004 --bidder=V004 --price=470000000 --picks=5,9 "$NOTICE" --name=B31-altered.xml
sed -i 's/<PreliminaryPriceChoice>9</<PreliminaryPriceChoice>10</' "$BIDS/B31-altered.xml"
echo "a vendor checks its files before sending (bid verify):"
edibatch bid verify "$BIDS/V001-TDEMO-1.xml" "$NOTICE" --pki="$PKI" --at="$OPENING_UTC" || true
edibatch bid verify "$BIDS/B31-altered.xml" "$NOTICE" --pki="$PKI" --at="$OPENING_UTC" || true

AGENCY_KEY=(--edibatch.procurement.agency-keystore="$PKI/parties/agency-encryption.p12"
  --edibatch.procurement.agency-keystore-password=changeit)
set +e
edibatch run bid-intake --edibatch.home=var --edibatch.intake.settle=0s --edibatch.fixed-clock="$OPENING_UTC"
intake=$?
edibatch run bid-opening --edibatch.home=var --edibatch.fixed-clock="$OPENING_UTC" "${AGENCY_KEY[@]}" \
  | tee "$SCRATCH/opening.out"
opening=${PIPESTATUS[0]}
run=$(sed -n 's/^run \([0-9]*\) completed.*/\1/p' "$SCRATCH/opening.out" | tail -1)
if [[ -n "$run" ]]; then
  # the opening's ledger summary: the award postings (ledger PROCUREMENT) of that run
  edibatch report "$run" --edibatch.home=var --logging.level.root=WARN
fi
set -e
echo
echo "procurement answers:"
echo "  receipts (one per bid file):  var/outbox/<vendor>/RECEIPT_<tender>_<file id>.xml, APERAK_<ref>_<file id>.edi"
echo "  award notices (every bidder): var/outbox/<vendor>/AWARD_<tender>.xml (.edi to EDIFACT bidders)"
echo "  procurement ledger:           var/reports/run-${run:-<id>}/ledger-summary.txt (entries AWARD:<tender>)"
echo "  refused tenders and bids:     var/quarantine/, listed in var/reports/run-<id>/exceptions.html"
if [[ -n "$run" ]]; then cat "var/reports/run-${run}/ledger-summary.txt"; fi
echo "bid-intake exit code ${intake}, bid-opening exit code ${opening}"
worst=${code}
for c in "${intake}" "${opening}"; do
  if (( c != 0 && c != 2 )); then worst=$c; elif (( c == 2 && worst == 0 )); then worst=2; fi
done
echo "exit code ${worst} (0 all accepted, 2 done with rejections, 3 failed: rerun to resume, 4 locked, 5 ledger differs, 64 usage)"
exit "${worst}"
