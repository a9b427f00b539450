-- A target that names a level to reach ("nâng tỷ lệ ... đạt 42%", "giảm tỷ
-- lệ hộ nghèo xuống còn 4,5%") is not a change by that amount. The parser
-- used to give such targets the direction of their verb, and stored "xuống
-- còn X" as "=" with "decrease", which verdicts then read as a ceiling; it
-- now gives them no direction and the comparator the phrase means, and "="
-- with "decrease" means a decrease to achieve ("giảm 3%"). Targets parsed
-- before are moved to the new reading by the same level words.
UPDATE targets SET comparator = CASE WHEN text LIKE '%dưới%' THEN '<' ELSE '<=' END, direction = ''
	WHERE comparator = '=' AND direction = 'decrease'
	AND (text LIKE '%xuống còn%' OR text LIKE '%xuống dưới%' OR text LIKE '%xuống mức%' OR text LIKE '% còn %');
UPDATE targets SET direction = ''
	WHERE direction = 'decrease' AND comparator IN ('<', '<=')
	AND (text LIKE '%xuống còn%' OR text LIKE '%xuống dưới%' OR text LIKE '%xuống mức%' OR text LIKE '% còn %');
UPDATE targets SET comparator = CASE WHEN comparator = '=' THEN '>=' ELSE comparator END, direction = ''
	WHERE direction = 'increase' AND comparator IN ('=', '>=', '>')
	AND (text LIKE '% đạt %' OR text LIKE '% lên %' OR text LIKE '% lên mức %');
