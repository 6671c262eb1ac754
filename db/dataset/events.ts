import type { NewEvent } from '../tables/events.ts'

export type EventRecord = NewEvent & { ref: string }

const event = (
  fy: number,
  kind: EventRecord['kind'],
  titleJa: string,
  titleEn: string,
  city: string,
  attendance: number,
): EventRecord => ({
  ref: `brochure-2018/event-fy${fy}-${city}-${kind}`,
  fy,
  kind,
  titleJa,
  titleEn,
  city,
  attendance,
})

const BIOSCIENCE_SEMINAR = ['やまがたバイオサイエンスセミナー', 'Yamagata Bioscience Seminar'] as const
const TECH_SEMINAR = [
  '産学官連携バイオ技術セミナー「バイオ技術を核として県内産業を育む」',
  'Industry-academia-government biotech seminar: “Growing the prefecture’s industries around biotechnology”',
] as const

// Brochure, timeline: each fiscal year's block lists its research presentation meetings (研究発表会) and
// seminars with their city and 参加者数; no dates or venues are given. Attendance 1,204 in all.
export const events: EventRecord[] = [
  event(
    2012,
    'research_presentation',
    '山形から発信する最先端のバイオ研究',
    'Cutting-edge bio research from Yamagata',
    '鶴岡市',
    135,
  ),
  event(
    2013,
    'research_presentation',
    '庄内から世界へ発信する最先端のバイオ研究',
    'Cutting-edge bio research from Shonai to the world',
    '鶴岡市',
    160,
  ),
  event(
    2014,
    'research_presentation',
    '未来を切り拓くバイオ研究',
    'Bio research opening the future',
    '鶴岡市',
    134,
  ),
  event(2014, 'technology_seminar', ...TECH_SEMINAR, '米沢市', 120),
  event(2015, 'research_presentation', ...BIOSCIENCE_SEMINAR, '山形市', 180),
  event(2016, 'technology_seminar', ...TECH_SEMINAR, '新庄市', 87),
  event(2016, 'research_presentation', ...BIOSCIENCE_SEMINAR, '鶴岡市', 250),
  event(2017, 'research_presentation', ...BIOSCIENCE_SEMINAR, '山形市', 138),
]
