-- "giảm tỷ lệ hộ nghèo xuống còn 4,5%" is a level to come down to, not a
-- decrease of 4,5 points. The parser used to store it as "=" with direction
-- "decrease", which verdicts then read as a ceiling; it now reads such a
-- target as "<=" with no direction, and "=" with "decrease" means a decrease
-- to achieve ("giảm 3%"). Targets parsed before are moved to the new reading.
UPDATE targets SET comparator = '<=', direction = ''
	WHERE comparator = '=' AND direction = 'decrease' AND (text LIKE '%xuống%' OR text LIKE '% còn %');
