package document

// The page and type sizes of Decree 30/2020/NĐ-CP, Appendix I, chosen inside
// the ranges it allows. Both writers read these, so the DOCX and the PDF
// break lines and pages alike.
const (
	pageWidthMM  = 210.0 // A4 portrait
	pageHeightMM = 297.0

	// Margins: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm. The
	// smallest of each range is what provincial templates use, and it fits
	// the two header columns in the text width.
	marginTopMM    = 20.0
	marginBottomMM = 20.0
	marginLeftMM   = 30.0
	marginRightMM  = 15.0
	headerMM       = 10.0 // the page number's distance from the top edge

	textWidthMM = pageWidthMM - marginLeftMM - marginRightMM // 165 mm

	// The header's left column holds the issuer, the right one the national
	// title: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in 12 pt bold is 88 mm,
	// the motto in 13 pt bold 56 mm.
	headerLeftMM  = 65.0
	headerRightMM = textWidthMM - headerLeftMM

	// The closing: "Nơi nhận:" on the left, the signature on the right.
	closingLeftMM  = 75.0
	closingRightMM = textWidthMM - closingLeftMM

	firstLineIndentMM = 12.7 // 1.27 cm
	paraAfterPt       = 6.0  // at least 6 pt between paragraphs
	lineSpacing       = 1.15 // between single and 1.5

	sizeParent       = 13 // the body above the issuer: caps, not bold
	sizeIssuer       = 13 // the issuer: caps, bold
	sizeNumber       = 13 // "Số: 05/BC-UBND"
	sizeLetterSubj   = 12 // "V/v ..." under the number
	sizeNational     = 12 // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	sizeMotto        = 13 // "Độc lập - Tự do - Hạnh phúc"
	sizeMark         = 13 // "DỰ THẢO" over the header of a draft
	sizeDate         = 14 // italic place and date
	sizeType         = 14 // "BÁO CÁO"
	sizeSubject      = 14 // the report's subject
	sizeBody         = 14
	sizeTable        = 12
	sizeRecipients   = 14 // "Kính gửi:"
	sizeDistHeading  = 12 // "Nơi nhận:" bold italic
	sizeDistribution = 11
	sizeSigner       = 14
	sizePageNumber   = 14

	// A short rule (under the issuer, the motto, a report's subject) is an
	// empty paragraph whose top border is the rule: ruleBeforePt of space
	// above it (unless said otherwise), the border ruleWidthPt thick (w:sz
	// in eighths of a point), ruleSpacePt between it and the paragraph's
	// line of exactly ruleLinePt. Both writers lay it out so.
	ruleBeforePt = 6
	ruleWidthPt  = 0.75
	ruleSpacePt  = 1
	ruleLinePt   = 1

	// tableBorderPt is the width of a table's borders (w:sz 4, in eighths
	// of a point).
	tableBorderPt = 0.5

	// signatureSpaceMM is the room left for the signature and the seal.
	signatureSpaceMM = 25.0
)

// mmToTwips converts millimetres to twentieths of a point, rounding up so a
// margin never falls under the decree's minimum.
func mmToTwips(mm float64) int {
	t := mm * 1440 / 25.4
	i := int(t)
	if float64(i) < t {
		i++
	}
	return i
}

const ptPerMM = 72 / 25.4
