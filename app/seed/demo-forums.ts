import { randomBytes } from 'node:crypto'
import type { Prisma, PrismaClient } from '~/generated/prisma/client'
import type { RichTextDoc } from '~/rich-text/document'
import type { PostContent, ThreadKind } from '~/forums/post-form'
import type { ReactionKey } from '~/forums/thread-view'
import type { Actor, RoleName } from '~/policy/policy'
import type { ThemeKey } from '~/self-assessment/template'
import { seeded } from './seeded'

// Demo forums: threads of every kind in the national space, four regional spaces and a
// private London group, so the forums feel lived in on first start. Synthetic text,
// written the way directors of children's services talk to each other; the authors are
// the demo accounts. Deterministic apart from timestamps, which sit in the two months
// before the moment of seeding. Counters, watches and notifications are what the app
// itself would have written (see posts.server.ts and notifications.server.ts).
//
// Who writes is a key: a council slug is its director (dcs.<slug>), `lead:<region>` a
// region lead, `officer:camden`, `member:camden`, `admin`. In text, `@{key}` becomes
// "@" and that person's demo name (a mention).

type Who = string
type Reply = {
  by: Who
  text: string
  /** Quotes the post with this number. */
  q?: number
  /** The post's earlier text: it was edited, and the earlier text is kept as a revision. */
  edit?: string
  /** Written this many hours before seeding (else some working hours after the post before). */
  ago?: number
  /** An open report on the post. */
  flag?: { by: Who; reason: string }
}
type Practice = { context: string; whatWeDid: string; impact: string }
type ThreadPlan = {
  space: string
  kind: ThreadKind
  by: Who
  title: string
  themes: ThemeKey[]
  /** Days before seeding that it was started. */
  days: number
  body?: string
  practice?: Practice
  /** Good practice: who to contact, and their role. */
  contact?: { who: Who; role: string }
  replies: Reply[]
  /** The accepted answer's post number. */
  accept?: number
  pinned?: true
  locked?: true
  /** The opening post's earlier text (an edited opening post). */
  edit?: string
}

const r = (by: Who, text: string, extra: Omit<Reply, 'by' | 'text'> = {}): Reply => ({ by, text, ...extra })

export const DEMO_GROUP_SPACE = {
  slug: 'group-north-london-challenge-group',
  name: 'North London challenge group',
  description: 'Private space for Camden, Barnet and Haringey to prepare this cycle’s peer challenge with the London lead.',
  councils: ['camden', 'barnet', 'haringey'],
} as const

const ILLUSTRATIVE = '(Figures are illustrative, for this demo.)'

const THREADS: ThreadPlan[] = [
  // -------------------------------------------------------------------------------------
  // National
  {
    space: 'national',
    kind: 'good_practice',
    by: 'camden',
    title: 'Family hubs as the single front door to early help',
    themes: ['early_help', 'front_door', 'partnerships'],
    days: 53,
    contact: { who: 'officer:camden', role: 'Head of Early Help' },
    practice: {
      context:
        'Families told us they had to tell their story three or four times before anyone helped. Requests for early help came in through the children’s services front door, school nurses, children’s centres and the voluntary sector, each with its own form and its own waiting list. Around a third of contacts to our front door were families who needed help but not a social worker.',
      whatWeDid:
        'We made our five family hubs the one place to ask for early help, in person, by phone or online, with a single request form shared by every partner.\n\nA daily hub huddle (early help, health visiting, school nursing, housing and two voluntary sector partners) agrees who will work with each family within two working days.\n\n- One lead practitioner per family, from whichever agency knows them best\n- Front door social workers can step a contact across to the hub huddle the same day, with the family’s consent\n- A shared case record that every hub partner can read\n\nIt took about nine months, most of it agreeing information sharing and moving budgets, not buildings.',
      impact:
        `In the first year, contacts to the front door that needed no social care response fell by 22%, and re-referrals within 12 months fell from 21% to 16%. Families’ average wait for a first conversation went from 19 days to 4. ${ILLUSTRATIVE}\n\nThe measure we watch most closely is what families say: 87% of those asked said they only had to tell their story once. We are now testing whether the children we helped through the hubs stay out of statutory services after 18 months.`,
    },
    replies: [
      r('gateshead', 'This is really helpful, thank you. How did you get health visiting into the daily huddle? That is where we have stalled.'),
      r('officer:camden', 'Honestly, by asking the health visiting lead to co-chair it for the first three months. Once they saw referrals coming back the same day, it sold itself. Happy to talk it through.', { q: 2 }),
      r('leeds', 'We did something similar and found the single request form was the hardest part. Did schools accept losing their own form?'),
      r('camden', 'Not at first. We kept a short version for schools that goes straight into the same record, and the heads’ forum signed it off. Two terms in, nobody asks for the old one.', { q: 4 }),
      r('cornwall', 'Rural version of the same question: does the daily huddle work when the hubs are an hour apart? We are thinking of running ours online.'),
      r('camden', 'Ours is in person at one hub and online for the others. The only rule is cameras on and the same partners every day. The relationships matter more than the room.', { q: 6 }),
      r('birmingham', 'The figure on re-referrals is striking. Did you change the threshold document at the same time, or is that purely the hub model?', { edit: 'The re-referral figure is striking. Did you change thresholds at the same time?' }),
      r('camden', 'We refreshed the threshold guidance the year before, so some of it is that. We are careful not to claim it all for the hubs.', { q: 8 }),
    ],
  },
  {
    space: 'national',
    kind: 'question',
    by: 'cornwall',
    title: 'What caseload do you aim for with newly qualified social workers in their first year?',
    themes: ['workforce'],
    days: 47,
    body: 'We are reviewing our ASYE programme. At the moment we aim for a protected caseload of around 12 in the first six months, rising to 16, but in two of our teams it has crept past 18.\n\nWhat do others aim for, and how do you hold the line when the teams are under pressure?',
    replies: [
      r('sheffield', 'We aim for 10 rising to 14, with no child protection cases as lead worker before month six. We only hold the line because the ASYE posts sit in the academy budget, not the teams’.'),
      r('leeds', 'Similar numbers here. The thing that made the difference was that the head of service signs off any case over the limit and it is reported monthly to the DCS. It is rare now because nobody wants to be on the list.'),
      r('stockport', 'Same as Leeds: the reporting is what does it. We also give ASYEs a fortnightly reflective group run by a practice educator, outside their team.'),
      r('cornwall', 'Thank you all. The sign-off by the head of service plus monthly reporting is what we were missing. We will try that from next month.', { q: 3 }),
      r('birmingham', 'One more thing worth doing: ask the ASYEs themselves at month three whether the caseload feels right. Ours were surprisingly honest.'),
      r('hackney', 'Agree with all of the above. We also stopped ASYEs taking court work in their first six months, which protected them more than any number.'),
    ],
    accept: 3,
  },
  {
    space: 'national',
    kind: 'question',
    by: 'camden',
    title: 'Has anyone commissioned a step-down service from residential care to fostering for teenagers?',
    themes: ['placements', 'children_in_care'],
    days: 9,
    body: 'We have a small number of teenagers in residential care who could live in a family, but we have no carers with the experience to take them straight from a children’s home.\n\nHas anyone commissioned, or built in-house, a step-down service with specialist carers and wraparound support? I would like to hear what it cost, how long it took to recruit the carers, and whether the placements lasted.',
    replies: [
      r('north-yorkshire', 'We built one in-house three years ago: six specialist carers, paid a professional fee, with a dedicated therapist and a 24-hour on-call line. The first two years were hard; the placements now last as well as our other fostering placements.'),
      r('camden', 'Thank you, that is encouraging. Was the 24-hour line staffed by your own social workers, or commissioned?', { q: 2 }),
      r('wigan', 'We commission ours jointly with two neighbours, which is the only way the numbers work for us. Happy to share the specification. The recruitment took longer than anyone expected, about 14 months before the first placement.', { ago: 50 }),
    ],
  },
  {
    space: 'national',
    kind: 'discussion',
    by: 'sheffield',
    title: 'Agency social workers: what is actually working to reduce reliance?',
    themes: ['workforce', 'finance'],
    days: 44,
    body: 'Our agency rate has come down from 24% to 17% in two years, but it has stalled and the last few points feel much harder.\n\nI would like to pool what is actually working, beyond the usual advert and pay uplift. What has made the difference for you, and what did you try that did not work?',
    edit: 'Our agency rate has come down from 24% to 17% in two years, but it has stalled.\n\nWhat has made the difference for you?',
    replies: [
      r('sunderland', 'Growing our own through the academy has been the biggest thing. It takes three years to pay off, so you have to start before you need it.'),
      r('hackney', 'Converting agency workers to permanent with a fixed-term “try us” offer: six months, permanent salary plus a retention payment at the end. About a third accepted.'),
      r('birmingham', 'What did not work for us: a big one-off recruitment campaign. We recruited well and lost most of them within a year because the teams they joined were still overloaded.'),
      r('sheffield', 'That matches our experience. Fix the team first, then recruit into it.', { q: 4 }),
      r('leeds', 'Flexible working, genuinely. We let people choose compressed hours and fixed office days. It costs almost nothing and it comes up in every exit interview as the reason people stay.'),
      r('kirklees', 'Caseloads. Everything else is secondary if people have 25 children each.'),
      r('stockport', 'We agreed a regional memorandum on agency pay rates with our neighbours. It has stopped the bidding war, mostly.'),
      r('cornwall', 'Did the memorandum hold when one council had an inspection coming? That is where ours fell apart last time.', { q: 8 }),
      r('stockport', 'It wobbled once. The region leads got the DCSs in a room, and it held. It needs someone with the standing to call it out.', { q: 9 }),
      r('croydon', 'We are still at the start of this. The most useful thing so far has been honest exit interviews done by someone outside the service.'),
      r('lead:north-west', 'For anyone who wants it, the North West memorandum and the quarterly data behind it are shared in our regional space. Happy to send it to other leads.'),
      r('sunderland', 'One more: practice supervisors. A manager with 8 workers cannot know every child well. Adding a senior practitioner layer cost less than the agency premium we saved.'),
      r('wigan', 'Agree with the practice supervisor point. It also gives experienced workers somewhere to go without leaving practice.', { q: 13 }),
      r('sheffield', 'Thanks all. I have pulled these together for our workforce board: grow your own, fix the team before recruiting, flexible working, a regional pay agreement with teeth, and practice supervisors.', { ago: 300 }),
    ],
  },
  {
    space: 'national',
    kind: 'discussion',
    by: 'lambeth',
    title: 'Neighbouring councils advertising for our staff by name',
    themes: ['workforce'],
    days: 38,
    body: 'Is anyone else seeing recruitment adverts aimed directly at their team managers? We had three approached by name through social media last month.',
    replies: [
      r('enfield', 'Yes, and some of it is from agencies rather than councils. It is deeply unhelpful.'),
      r('bexley', 'We had the same. In fairness, we have done it too in the past, and it never ends well.'),
      r('lambeth', 'I named the council concerned in a post here earlier and have removed it: this should be about the practice, not about one neighbour.', { edit: 'I named the council concerned in a post here earlier, and I stand by it.' }),
      r('admin', 'Thanks, everyone. This is an important issue, and the workforce thread already covers the regional agreements that help. I am locking this one so the discussion continues there, without naming councils.'),
    ],
    locked: true,
  },
  {
    space: 'national',
    kind: 'good_practice',
    by: 'birmingham',
    title: 'A weekly placement panel with health that keeps children out of unregistered homes',
    themes: ['placements', 'children_in_care', 'partnerships'],
    days: 33,
    contact: { who: 'birmingham', role: 'Director of Children’s Services' },
    practice: {
      context:
        'Two years ago, on some nights, we had children with the most complex needs in unregistered placements because nothing else could be found in time. Most had mental health needs, and the search for a placement usually started only when a crisis came.',
      whatWeDid:
        'We set up a weekly placement panel with the integrated care board and child and adolescent mental health services, chaired by an assistant director, for every child at risk of needing a placement that does not yet exist.\n\n- Health and social care share the cost of bespoke packages from a pooled budget agreed in advance\n- Any child in an unregistered setting is reviewed daily by a head of service, with a plan to move them within 7 days\n- We commissioned two solo homes for children who need to live alone for a time, registered from the start',
      impact:
        `The number of children placed in unregistered settings fell from 11 in the year before to 2 in the year since, and the longest stay was 5 days. Spending on the most expensive placements has not fallen, but it is now planned rather than made in a crisis. ${ILLUSTRATIVE}\n\nThe pooled budget was the hardest thing to agree, and the thing that made everything else work.`,
    },
    replies: [
      r('southwark', 'The pooled budget is the bit I would like to understand. What share does health put in, and who holds it?'),
      r('birmingham', 'Roughly a third from health for the children in scope, held by us under a section 75 agreement. It took two goes to agree.', { q: 2 }),
      r('rotherham', 'We are about to register our first solo home. Did Ofsted register yours quickly?'),
      r('birmingham', 'About five months from application. Start early and get the manager appointed before you apply.', { q: 4 }),
      r('middlesbrough', 'Thank you for writing this up so clearly. We will bring it to our health partners next month.'),
    ],
  },
  {
    space: 'national',
    kind: 'discussion',
    by: 'hampshire',
    title: 'High needs deficits: what are you doing with education colleagues?',
    themes: ['send', 'finance', 'education'],
    days: 27,
    body: 'Our high needs deficit keeps growing and the pressure now lands on children’s services budgets too, through transport and placements.\n\nI would like to hear what councils are doing jointly across education and social care, particularly on earlier support in mainstream schools.',
    replies: [
      r('surrey', 'We have put inclusion advisers into clusters of schools, funded by the high needs block, to support children before an EHC needs assessment. It is early days but requests are flattening.'),
      r('kent', 'Same here, and we have made the annual review the moment to ask whether a child could move back into mainstream. That has to be done with parents, not to them.'),
      r('hampshire', 'Agree about parents. Did you see complaints rise when you started?', { q: 3 }),
      r('kent', 'A little, then they fell once parents saw the support was real.', { q: 4 }),
      r('stockport', 'We share one assistant director across SEND and social care, which has helped more than any plan.'),
    ],
  },
  {
    space: 'national',
    kind: 'good_practice',
    by: 'sunderland',
    title: 'Bringing youth justice and exploitation into one adolescent service',
    themes: ['youth_justice', 'child_exploitation', 'partnerships'],
    days: 19,
    contact: { who: 'sunderland', role: 'Director of Children’s Services' },
    practice: {
      context:
        'The same teenagers were known to our youth justice service, our exploitation team and often our children in care service, with three plans, three workers and three sets of meetings. Young people told us they did not know who to trust.',
      whatWeDid:
        'We brought youth justice, the exploitation team and our adolescent social work teams into one adolescent service under one head of service, with one lead worker per young person.\n\n- One plan that covers safety, offending and education\n- A weekly multi-agency meeting about places and groups, not only individual children\n- Youth workers on the team, working evenings and weekends when young people are most at risk',
      impact:
        `In the first 18 months, first-time entrants to the youth justice system fell by 19%, and missing episodes for young people open to the service fell by 27%. ${ILLUSTRATIVE}\n\nInspectors commented on the quality of relationships between workers and young people. We still have more to do on transitions to adult services at 18.`,
    },
    replies: [
      r('waltham-forest', 'This is close to what we are planning. How did youth justice partners, especially the police and probation, feel about losing a separate service?'),
      r('sunderland', 'They were worried about the statutory functions being diluted. We kept the youth justice board and its reporting exactly as before; only the front-line delivery changed.', { q: 2 }),
      r('lead:north-east', 'This is one of the strongest examples in the region, and I would encourage anyone thinking about it to visit.'),
    ],
  },
  {
    space: 'national',
    kind: 'discussion',
    by: 'leeds',
    title: 'Care leavers’ local offer: what have you added this year?',
    themes: ['care_leavers'],
    days: 12,
    body: 'We are refreshing our local offer with our care leavers’ council. So far they have asked for free gym membership, help with driving lessons and someone to call at weekends.\n\nWhat have others added recently that care leavers actually use?',
    replies: [
      r('liverpool', 'A guaranteed interview for any council job they meet the essential criteria for. Twenty-three care leavers started jobs with us last year.'),
      r('plymouth', 'Council tax exemption up to 25, wherever they live. It is the one young people mention most.'),
      r('leeds', 'We have the council tax exemption but only within the city. Did you have trouble agreeing it for those living elsewhere?', { q: 3 }),
      r('plymouth', 'We pay it as a grant for those living elsewhere. The numbers are small.', { q: 4 }),
      r('member:camden', 'As a lead member, the one I would add is a named councillor for each care leaver who wants one. Ours asked for someone who would push the council when it let them down.'),
    ],
  },

  // -------------------------------------------------------------------------------------
  // London
  {
    space: 'london',
    kind: 'discussion',
    by: 'lead:london',
    title: 'London peer challenge round: pairings and dates',
    themes: ['quality_assurance', 'partnerships'],
    days: 58,
    body: 'The pairings for this cycle’s peer challenge are now agreed, and the dates run from the autumn to the spring.\n\nPlease share your self-assessment with the region at least four weeks before your challenge day, and post here if your date needs to move. Questions about the process are welcome in this thread.',
    replies: [
      r('hackney', 'Thank you. Could we move ours back by two weeks? We have a focused visit expected in that window.'),
      r('lead:london', 'Yes, of course. I have swapped you with Lambeth, who had asked to go earlier.', { q: 2 }),
      r('lambeth', 'Confirmed, thank you both.'),
      r('tower-hamlets', 'Is the template the same as last year? We would like to start drafting.'),
      r('lead:london', 'The template has one new section on the voice of children. Otherwise the same, and you can start now.', { q: 5 }),
      r('croydon', 'We will be later than four weeks with ours, I am afraid: our draft is still early. I will keep you posted.'),
    ],
    pinned: true,
  },
  {
    space: 'london',
    kind: 'good_practice',
    by: 'hackney',
    title: 'Contextual safeguarding in schools: a year of place-based panels',
    themes: ['child_exploitation', 'education', 'partnerships'],
    days: 50,
    contact: { who: 'hackney', role: 'Director of Children’s Services' },
    practice: {
      context:
        'Most of the harm our teenagers experienced was happening outside the home: on the way to school, in parks and around a few transport hubs. Our child protection processes were built for harm within families and did not work for places.',
      whatWeDid:
        'We set up a monthly panel for each secondary school cluster, bringing together schools, youth services, the police, community safety and transport, to look at places rather than individual children.\n\n- Schools bring concerns about places, not names\n- Each panel agrees changes to the place: lighting, staff at the bus stop at home time, youth workers in the park\n- Young people from each school tell the panel where they feel unsafe, twice a year',
      impact:
        `Across the first year, referrals about extra-familial harm were made earlier (median age 13 rather than 15), and young people in our survey who said they felt safe on the way to school rose from 61% to 74%. ${ILLUSTRATIVE}\n\nIt works best where the school’s safeguarding lead attends every time. We lost momentum in two clusters when staff changed.`,
    },
    replies: [
      r('waltham-forest', 'The “places, not names” rule is clever. How did the police feel about not getting names?'),
      r('hackney', 'Uneasy at first. Names still go through the usual routes when there is a concern about a child; the panel is for the places.', { q: 2 }),
      r('lewisham', 'We would like to borrow the survey questions if you are willing to share them.'),
      r('hackney', 'Of course, I will send them over this week.', { q: 4 }),
    ],
  },
  {
    space: 'london',
    kind: 'question',
    by: 'tower-hamlets',
    title: 'How are you capturing the voice of babies and pre-verbal children in assessments?',
    themes: ['voice_of_the_child', 'child_protection'],
    days: 41,
    body: 'Our audits keep finding that assessments of babies describe the parents in detail and the baby hardly at all. What has helped your social workers write about the lived experience of children who cannot tell us?',
    replies: [
      r('southwark', 'Observation, recorded as observation. We ask for at least one unhurried observation of the baby with each carer, written up as what the worker saw and heard.'),
      r('camden', 'We added a short “a day in the life of this baby” section to the assessment, written from the baby’s point of view, with health visitors contributing. It changed the quality of the analysis more than any training we did. Our audits since show the baby’s experience recorded well in 8 of 10 assessments, up from 4 in 10.'),
      r('tower-hamlets', 'This is exactly what we needed. Would you share the template?', { q: 3 }),
      r('camden', 'Yes, I will send it over. The guidance for workers is as important as the template.', { q: 4 }),
      r('lambeth', 'We borrowed Camden’s approach last year and can vouch for it.'),
    ],
    accept: 3,
  },
  {
    space: 'london',
    kind: 'discussion',
    by: 'southwark',
    title: 'Unaccompanied children: pressure on placements this autumn',
    themes: ['children_in_care', 'placements'],
    days: 30,
    body: 'We have seen a sharp rise in unaccompanied children arriving in the borough over the last two months, most of them 16 or 17. Supported accommodation is full and we are placing further away than we would like.\n\nHow are other boroughs coping, and is anyone working together on supported accommodation?',
    replies: [
      r('hillingdon', 'Very similar here. We are working with two neighbours on a shared block contract for supported accommodation, which should help by the spring.'),
      r('ealing', 'We have been using age assessments less and trusting what young people tell us more, with good results. It also builds trust from the first day.'),
      r(
        'newham',
        'One example of what we are seeing: a 16-year-old boy from Eritrea placed at the hostel on the estate behind our main secondary school, who has gone missing twice this month and we think is being exploited by a group there.',
        { flag: { by: 'lambeth', reason: 'I think this could identify a young person (age, country, where he lives and that he is going missing). Could a moderator check and hide it if so?' } },
      ),
      r('southwark', 'Thank you all. A shared block contract is what we need. Could we talk about joining yours?', { q: 2 }),
      r('lead:london', 'Happy to bring the boroughs with the highest numbers together on this. I will set up a call.'),
    ],
  },
  {
    space: 'london',
    kind: 'discussion',
    by: 'croydon',
    title: 'Recruiting and keeping team managers',
    themes: ['workforce'],
    days: 22,
    body: 'Our hardest posts to fill are team managers in the assessment and child protection teams. We lose good managers to neighbouring boroughs and to agencies.\n\nWhat are London boroughs doing that works?',
    replies: [
      r('waltham-forest', 'A management development programme for senior practitioners who want to step up. Most of our current managers came through it.'),
      r('camden', 'We pair every new manager with a practice educator for their first six months, and we have moved the assessment team managers onto the same pay band as child protection. That stopped the internal moves.'),
      r('croydon', 'The same band for assessment and child protection is something we had not thought of. Was it expensive?', { q: 3 }),
      r('camden', 'Less than you would think: five posts, and we saved more on agency cover in the first year.', { q: 4 }),
      r('lewisham', 'We are about to start something similar. A pan-London approach to manager pay would help us all.'),
      r('hackney', '@{camden} could you share the job description you use for the practice educator route? I would like to show it to our workforce lead.', { ago: 20 }),
    ],
  },
  {
    space: 'london',
    kind: 'good_practice',
    by: 'waltham-forest',
    title: 'Fewer re-referrals with a “stay connected” call after closure',
    themes: ['front_door', 'early_help'],
    days: 16,
    contact: { who: 'waltham-forest', role: 'Director of Children’s Services' },
    practice: {
      context:
        'A quarter of the children referred to us had been referred before within the year. When we looked at those cases, many families had struggled in the weeks after we closed, but had nobody to ask for help before things became serious again.',
      whatWeDid:
        'Every family whose case closes after an assessment or a child in need plan gets a call from a family support worker six weeks later, and again at three months if they want it.\n\n- The call checks how things are and offers early help if it is needed\n- Families can call the same worker directly, without a new referral\n- Calls are logged so we can see what families needed',
      impact:
        `Re-referrals within 12 months fell from 25% to 18% over the year. Around one family in five asked for some help during the calls, mostly with housing or school. ${ILLUSTRATIVE}\n\nIt costs two family support workers. Families tell us it feels like we did not just disappear.`,
    },
    replies: [
      r('barking-and-dagenham', 'Simple and clearly effective. Do families ever see the call as continued surveillance?'),
      r('waltham-forest', 'A few did at first. We now explain the call when the case closes, and make clear it is their choice.', { q: 2 }),
      r('lead:london', 'This would make a good workshop at the next London DCS meeting, if you are willing.'),
    ],
  },
  {
    space: 'london',
    kind: 'question',
    by: 'lewisham',
    title: 'Does anyone have a protocol with the police for children held overnight in custody?',
    themes: ['youth_justice', 'partnerships'],
    days: 11,
    body: 'We still have too many children held overnight in police custody after charge because no alternative accommodation is found in time. Does any borough have a working protocol with the police and a local option that is actually used?',
    replies: [
      r('hammersmith-and-fulham', 'We have a protocol, and it is honestly only partly working. The sticking point is having a bed that can be used at 2am.'),
      r('greenwich', 'Following this with interest: we have the same problem.'),
    ],
  },
  {
    space: 'london',
    kind: 'discussion',
    by: 'camden',
    title: 'Cost of living: what are you seeing at the front door?',
    themes: ['front_door', 'early_help'],
    days: 6,
    body: 'Contacts to our front door are up again this quarter, and a growing share are about families who cannot afford food or heating rather than about abuse or neglect. I am worried that we are drawing families into social care when what they need is money and housing.\n\nAre others seeing the same, and what have you done about it?',
    replies: [
      r('islington', 'Very much the same. We have put a welfare rights adviser into the front door two days a week. About one contact in ten now goes straight to them.'),
      r('haringey', 'We are seeing it most in families with no recourse to public funds. Our spending under section 17 has doubled.'),
      r('camden', 'A welfare rights adviser at the front door is a good idea. Was it funded from children’s services or from the council’s anti-poverty budget?', { q: 2 }),
      r('lewisham', 'We funded ours from the household support fund at first, and now from children’s services because it saves us assessments. I would be glad to compare notes on the numbers.', { q: 4, ago: 6 }),
    ],
  },

  // -------------------------------------------------------------------------------------
  // North East
  {
    space: 'north-east',
    kind: 'good_practice',
    by: 'gateshead',
    title: 'A family network meeting for every child on a protection plan',
    themes: ['child_protection', 'early_help'],
    days: 45,
    contact: { who: 'gateshead', role: 'Director of Children’s Services' },
    practice: {
      context:
        'Too many children were on a second or later child protection plan, and the plans relied on professionals rather than the people who would still be in the child’s life after we had gone.',
      whatWeDid:
        'Every child on a child protection plan now has a family network meeting within four weeks, chaired by one of our family group conference coordinators, who moved into the child protection service last year.\n\n- The family network writes its own part of the plan\n- We funded two extra coordinator posts from the fall in repeat plans\n- Conference chairs check at each review whether the family network is still involved',
      impact:
        `Repeat child protection plans fell from 24% to 17% in two years, and more children stepped down to child in need with family support in place. ${ILLUSTRATIVE}\n\nFamilies tell us they feel part of the plan rather than subject to it.`,
    },
    replies: [
      r('sunderland', 'We have been following your progress on this. Who covers when the coordinators are on leave?'),
      r('gateshead', 'The family group conference team as a whole. It is one team now, so it is not a problem.', { q: 2 }),
      r('northumberland', 'Would you share the business case for the two extra posts? We are making the same argument this winter.'),
      r('gateshead', 'Yes, happy to. @{northumberland} I will email it to you this week.', { q: 4 }),
      r('middlesbrough', 'This is now in our improvement plan too. Thank you.'),
    ],
  },
  {
    space: 'north-east',
    kind: 'question',
    by: 'hartlepool',
    title: 'Has anyone opened an in-house children’s home recently? What did it cost to set up?',
    themes: ['placements', 'finance'],
    days: 36,
    body: 'We are building the case for our first in-house children’s home in over ten years. I would welcome real costs from anyone who has done this recently: property, refurbishment, staffing before registration and the time it took.',
    replies: [
      r('county-durham', 'We opened two in the last three years. Budget for a full year of staffing before the first child arrives: recruitment and training take longer than registration.'),
      r('sunderland', 'For a four-bed home, our set-up costs were just under a million pounds including the property, and running costs are about 60% of what we paid for the equivalent external placements. The break-even point was about two and a half years. I can share the model.'),
      r('hartlepool', 'That is really useful, thank you. A shared model would help our finance colleagues a great deal.', { q: 3 }),
      r('lead:north-east', 'There is a regional bid for capital funding that could help here. Let us talk at the next DCS meeting.'),
    ],
    accept: 3,
  },
  {
    space: 'north-east',
    kind: 'discussion',
    by: 'lead:north-east',
    title: 'A North East campaign to recruit foster carers for teenagers',
    themes: ['placements', 'partnerships', 'children_in_care'],
    days: 25,
    body: 'Several of you named fostering for teenagers as your first placement challenge. Newcastle and Gateshead have suggested a joint regional campaign, with one website, one phone number and a shared support offer for carers.\n\nWould councils be willing to take part, and what would you need from a regional offer?',
    replies: [
      r('newcastle-upon-tyne', 'We are in. One brand across the region would stop us competing for the same carers.'),
      r('gateshead', 'Agreed. What we need most is a shared training and support offer, so carers do not lose out if they live near a council boundary.'),
      r('middlesbrough', 'We would join, but we need the allowances to be comparable or carers will simply move to whoever pays most.'),
      r('lead:north-east', 'Good point. I will ask the finance leads to compare allowances before our next meeting.', { q: 4 }),
      r('stockton-on-tees', 'Count us in. We can offer the use of our recruitment team for the first campaign.'),
      r('northumberland', 'Yes from us. Rural carers are hard to find and a regional campaign would reach further than we can.'),
    ],
  },
  {
    space: 'north-east',
    kind: 'good_practice',
    by: 'sunderland',
    title: 'Growing our own: a social work academy with the local universities',
    themes: ['workforce'],
    days: 14,
    contact: { who: 'sunderland', role: 'Director of Children’s Services' },
    practice: {
      context:
        'Five years ago almost a third of our social workers were agency staff, and most newly qualified workers left within two years.',
      whatWeDid:
        'We set up a social work academy with two local universities: student placements, a protected first year and a clear career path.\n\n- Every student on placement with us is offered an interview for a post on qualifying\n- Newly qualified workers spend their first year in the academy team, with protected caseloads\n- A senior practitioner route for those who want to stay in practice rather than manage',
      impact:
        `Agency use fell from 31% to 9% over four years, and four in five newly qualified workers are still with us after three years. ${ILLUSTRATIVE}\n\nThe academy is now part of how we describe ourselves to families and partners: a council that invests in its workers.`,
    },
    replies: [
      r('hartlepool', 'This is the model we would like to follow. What did the academy team cost in its first year?'),
      r('sunderland', 'About the same as four agency workers. We made the case on that basis.', { q: 2 }),
      r('redcar-and-cleveland', 'Could smaller councils share an academy? We could not fill one on our own.'),
      r('lead:north-east', 'That is a good question for the region. @{middlesbrough} you raised the same idea last month: shall we take it to the DCS meeting together?', { q: 4 }),
      r('middlesbrough', 'Yes, let us. I will draft a short paper.', { q: 5 }),
    ],
  },
  {
    space: 'north-east',
    kind: 'discussion',
    by: 'middlesbrough',
    title: 'Exploitation across council boundaries: sharing what we know',
    themes: ['child_exploitation', 'partnerships'],
    days: 5,
    body: 'Young people at risk of exploitation move across our boundaries every day, but our exploitation meetings are still held council by council. We are missing patterns that would be obvious if we looked together.\n\nWould neighbours be interested in a monthly cross-boundary meeting, with the police, about places and networks?',
    replies: [
      r('stockton-on-tees', 'Yes. We see the same names and the same places, and we rarely talk about them together.'),
      r('redcar-and-cleveland', 'Count us in. We need an information sharing agreement first, which our legal teams can probably adapt from the missing children protocol.'),
      r('darlington', 'Agreed. The police have offered to host the first one.'),
    ],
  },

  // -------------------------------------------------------------------------------------
  // North West
  {
    space: 'north-west',
    kind: 'good_practice',
    by: 'wigan',
    title: 'An edge of care team that keeps teenagers at home safely',
    themes: ['children_in_care', 'early_help'],
    days: 40,
    contact: { who: 'wigan', role: 'Director of Children’s Services' },
    practice: {
      context:
        'Most teenagers who came into our care did so in a crisis, often at night, after a breakdown at home that had been building for months.',
      whatWeDid:
        'We created an edge of care team that works intensively with families of teenagers at risk of coming into care: up to four visits a week, evenings and weekends included, for twelve weeks.\n\n- A family therapist and two youth workers in the team\n- Respite stays with known carers as a planned part of the work, not as a failure\n- The same worker stays with the family if the young person does come into care',
      impact:
        `Teenagers entering care fell by 28% over two years, and of the young people the team worked with, 8 in 10 were still living at home a year later. ${ILLUSTRATIVE}\n\nThe planned respite was the part families valued most.`,
    },
    replies: [
      r('bolton', 'How did you recruit the respite carers? That is our gap.'),
      r('wigan', 'From existing carers who wanted something short-term alongside work. We pay a retainer.', { q: 2 }),
      r('lead:north-west', 'A strong example. I would like to see this at our regional practice day.'),
    ],
  },
  {
    space: 'north-west',
    kind: 'question',
    by: 'stockport',
    title: 'Transition to adult services for young people with SEND: when do you start?',
    themes: ['send', 'care_leavers', 'partnerships'],
    days: 31,
    body: 'Our transitions for young people with SEND are still too late and too sudden. When do others start planning with adult social care, and who leads it?',
    replies: [
      r('bolton', 'At 14, with the annual review of the EHC plan as the trigger. The 14+ review always has adult social care invited.'),
      r('manchester', 'We have a joint preparing-for-adulthood team from 16, owned jointly by children’s and adults’ services. The joint ownership is what makes it work.'),
      r('stockport', 'That is the answer for us: start the conversation at 14 and hand over to a joint team at 16. Thank you.', { q: 3 }),
      r('liverpool', 'Agree, and include health early. Continuing care assessments are usually the last thing to be sorted.'),
    ],
    accept: 3,
  },
  {
    space: 'north-west',
    kind: 'discussion',
    by: 'liverpool',
    title: 'Going home: what helps children return to their families safely?',
    themes: ['children_in_care', 'child_protection'],
    days: 20,
    body: 'We want to help more children in care return home where it is safe to do so. Our reunification work is patchy and some returns break down within months.\n\nWhat has made reunification more successful for you?',
    replies: [
      r('wirral', 'A formal reunification assessment, using a published practice framework, and support for at least six months after return.'),
      r('cheshire-west-and-chester', 'Planning return from the first day in care, with the family, rather than waiting for things to improve.'),
      r('liverpool', 'Thank you both. We will look at the framework. The six months of support after return is where we fall down.', { q: 2 }),
    ],
  },

  // -------------------------------------------------------------------------------------
  // Yorkshire and the Humber
  {
    space: 'yorkshire-and-the-humber',
    kind: 'good_practice',
    by: 'leeds',
    title: 'Restorative practice across the whole partnership',
    themes: ['partnerships', 'quality_assurance', 'voice_of_the_child'],
    days: 55,
    contact: { who: 'leeds', role: 'Director of Children’s Services' },
    practice: {
      context:
        'Our partners described children’s services as hard to work with: decisions were made about families, not with them, and schools and health often learned about plans after the event.',
      whatWeDid:
        'We trained staff across the partnership (social care, schools, health, police and the voluntary sector) in restorative practice: working with families, high support and high challenge.\n\n- A shared two-day course for all new staff in every agency\n- Restorative meetings in place of some formal meetings\n- Leaders model it: our partnership board meets in a circle',
      impact:
        `Over three years, children in care fell by 14% while the child population grew, and partner surveys rating children’s services as easy to work with rose from 38% to 71%. ${ILLUSTRATIVE}\n\nThe culture change takes years and needs constant renewal as staff change.`,
    },
    replies: [
      r('kirklees', 'The partner training is what impresses me. How did you persuade the police to release staff for two days?'),
      r('leeds', 'Senior sponsorship, and showing them fewer repeat call-outs to the same families. It took two years.', { q: 2 }),
      r('barnsley', 'We would welcome a visit. Could three of our managers come and see a restorative meeting?'),
      r('leeds', 'Yes, please get in touch and we will arrange it.', { q: 4 }),
      r('lead:yorkshire-and-the-humber', 'Thank you for sharing this. I will add it to the regional good practice day programme.'),
    ],
  },
  {
    space: 'yorkshire-and-the-humber',
    kind: 'discussion',
    by: 'kirklees',
    title: 'Performance boards: what data do you actually look at each month?',
    themes: ['quality_assurance'],
    days: 28,
    body: 'Our monthly performance report has grown to 60 pages and I am not sure anyone reads it. What are the ten measures your performance board actually discusses?',
    replies: [
      r('sheffield', 'Contacts and conversion, re-referrals, timeliness of assessments, repeat plans, children in care per 10,000, placement stability, caseloads, agency rate, audit grades, and one measure the board chooses each month.'),
      r('rotherham', 'Our list is similar. The most useful thing we added was a page of what families and young people told us that month.'),
      r('kirklees', 'The family feedback page is a great idea. We will try both.', { q: 3 }),
      r('york', 'We stopped reporting anything we could not act on. The report is now 12 pages.'),
      r('north-yorkshire', 'Trend lines, always. A single month’s figure tells you very little.'),
    ],
  },
  {
    space: 'yorkshire-and-the-humber',
    kind: 'question',
    by: 'rotherham',
    title: 'How do you make sure learning from practice reviews reaches front-line workers?',
    themes: ['quality_assurance', 'child_protection'],
    days: 8,
    body: 'We complete local child safeguarding practice reviews and write good action plans, but when we audit a year later front-line workers often do not know the findings. How do others get the learning through?',
    replies: [
      r('doncaster', 'Seven-minute briefings, delivered by team managers in team meetings, and revisited a few months later.'),
      r('barnsley', 'We ask workers at audit whether they know the last three reviews’ key messages. Measuring it made managers take it seriously.'),
    ],
  },

  // -------------------------------------------------------------------------------------
  // North London challenge group (private)
  {
    space: DEMO_GROUP_SPACE.slug,
    kind: 'discussion',
    by: 'lead:london',
    title: 'Challenge day: agenda and lines of enquiry',
    themes: ['quality_assurance', 'placements'],
    days: 15,
    body: 'Here is a draft agenda for our challenge day. Camden have asked us to focus on placements for teenagers with complex needs, and Barnet on their front door.\n\nPlease add lines of enquiry you would like to follow, and say which case files you would like to read.',
    replies: [
      r('barnet', 'For Camden: how the placement panel decides between residential and specialist fostering for teenagers. We would like to read two cases from the last six months.'),
      r('camden', 'That is fair, and exactly where we want the challenge. We will pick two cases with the panel’s minutes.', { q: 2 }),
      r('haringey', 'For Barnet: how the front door applies the threshold for families with no recourse to public funds.'),
      r('barnet', 'Agreed. We will bring the front door manager and the no recourse to public funds lead.', { ago: 26 }),
    ],
  },
  {
    space: DEMO_GROUP_SPACE.slug,
    kind: 'discussion',
    by: 'barnet',
    title: 'Notes from our placements conversation with Camden',
    themes: ['placements', 'children_in_care'],
    days: 4,
    body: 'Thank you for a frank conversation last week. My notes are below; please correct anything I have got wrong before we share them.\n\nCamden’s in-house fostering is strong for younger children, but there are almost no local carers for teenagers with complex needs, and that is where the distant placements are.\n\nWe agreed to look together at a shared specialist carer scheme across the three boroughs.',
    replies: [
      r('camden', 'A fair record, thank you. One addition: our placement panel now includes health, which we did not mention on the day.'),
      r('haringey', 'We would like to be part of the shared scheme. Shall we ask @{lead:london} to convene the first meeting?', { ago: 30 }),
    ],
  },
]

// ---------------------------------------------------------------------------------------
// Building the rows

type TextNode = { type: 'text'; text: string }
const para = (line: string) => ({ type: 'paragraph', content: [{ type: 'text', text: line } as TextNode] })

/** Plain text as a document: blank lines separate blocks; a block of "- " lines is a list. */
function toDoc(text: string): RichTextDoc {
  const blocks = text.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean)
  return {
    type: 'doc',
    content: blocks.flatMap((block) => {
      const lines = block.split('\n')
      const bullets = lines.filter((l) => l.startsWith('- '))
      const intro = lines.filter((l) => !l.startsWith('- '))
      return [
        ...intro.map(para),
        ...(bullets.length ? [{ type: 'bulletList', content: bullets.map((l) => ({ type: 'listItem', content: [para(l.slice(2))] })) }] : []),
      ]
    }),
  } as RichTextDoc
}

const cuid = () => `c${randomBytes(12).toString('hex')}`
const HOUR = 3_600_000
const DAY = 24 * HOUR
const REACTION_KEYS: ReactionKey[] = ['thumbs_up', 'lightbulb', 'heart', 'clap']

const emailOf = (who: Who) =>
  who === 'admin' ? 'admin@example.org' : who.startsWith('lead:') ? `lead.${who.slice(5)}@example.org` : who.includes(':') ? `${who.replace(':', '.')}@example.org` : `dcs.${who}@example.org`

/** Moves a time that falls outside working hours (08:00 to 19:00 UTC) into the next morning. */
function workingHours(t: number, r: () => number) {
  const d = new Date(t)
  const hour = d.getUTCHours()
  if (hour >= 8 && hour < 19) return t
  const morning = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + (hour >= 19 ? 1 : 0), 8)
  return morning + r() * 2.5 * HOUR
}

/**
 * One INSERT of many rows, sent as a single JSON parameter: several times faster than
 * createMany on the embedded database, which binds every value of every row separately.
 * Every listed column is written (null where a row has none), so ids are made here.
 */
function insertRows(prisma: PrismaClient, table: string, columns: string[], rows: object[]) {
  const list = columns.map((c) => `"${c}"`).join(', ')
  const data = rows.map((row) => Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c] ?? null])))
  return prisma.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`, JSON.stringify(data))
}

/**
 * Seeds the demo forums. Runs only on a demo database whose forums are still empty (a
 * second call, or a database where anyone has posted, does nothing). One statement per
 * table in one transaction; the posts' HTML is rendered here, as the app would.
 */
export async function seedDemoForums(prisma: PrismaClient): Promise<{ threads: number; posts: number } | null> {
  if (await prisma.thread.count()) return null
  const emails = [...new Set(THREADS.flatMap((t) => [t.by, ...t.replies.flatMap((x) => [x.by, ...(x.flag ? [x.flag.by] : [])])]).map(emailOf)), 'lead.london@example.org']
  const spaces = await prisma.space.findMany({ select: { id: true, slug: true, scope: true, regionId: true, councils: { select: { councilId: true } } } })
  const london = spaces.find((s) => s.slug === 'london')
  if (!london) return null // reference data not loaded
  const userRows = await prisma.user.findMany({
    where: { disabledAt: null },
    select: { id: true, email: true, name: true, councilId: true, council: { select: { regionId: true, slug: true, name: true } }, roles: { select: { role: true, regionId: true } } },
  })
  const byEmail = new Map(userRows.map((u) => [u.email, u]))
  if (emails.some((e) => !byEmail.has(e))) return null // not the demo accounts

  // Loaded here, not at the top: a start with nothing to seed should not pay for them.
  const [{ can }, { renderPostContent }, { contentText }, { findMentions }, { spaceFacts }] = await Promise.all([
    import('~/policy/policy'),
    import('~/forums/threads.server'),
    import('~/forums/post-form'),
    import('~/forums/mentions'),
    import('~/forums/spaces.server'),
  ])

  const now = Date.now()
  const leadLondon = byEmail.get('lead.london@example.org')!
  const councilIds = new Map((await prisma.council.findMany({ where: { slug: { in: [...DEMO_GROUP_SPACE.councils] } }, select: { id: true, slug: true } })).map((c) => [c.slug, c.id]))
  // The private group, made as a region lead would (createGroupSpace), unless it exists.
  const existingGroup = spaces.find((s) => s.slug === DEMO_GROUP_SPACE.slug)
  const groupSpace = existingGroup ?? { id: cuid(), slug: DEMO_GROUP_SPACE.slug, scope: 'group' as const, regionId: london.regionId, councils: DEMO_GROUP_SPACE.councils.map((slug) => ({ councilId: councilIds.get(slug)! })) }
  const spaceBySlug = new Map([...spaces.filter((s) => s !== existingGroup), groupSpace].map((s) => [s.slug, s]))
  const facts = (slug: string) => {
    const s = spaceBySlug.get(slug)!
    return spaceFacts({ id: s.id, scope: s.scope, regionId: s.regionId, councilIds: s.councils.map((c) => c.councilId) })
  }
  const actors = userRows.map((u): Actor & { name: string; email: string } => ({
    id: u.id,
    name: u.name,
    email: u.email,
    councilId: u.councilId,
    councilRegionId: u.council?.regionId ?? null,
    roles: u.roles.map((x) => ({ role: x.role as RoleName, regionId: x.regionId })),
  }))
  const readersOf = new Map([...spaceBySlug.keys()].map((slug) => [slug, actors.filter((a) => can(a, 'view', facts(slug)))]))
  const user = (who: Who) => byEmail.get(emailOf(who))!
  const expand = (text: string) =>
    text.replace(/@\{([^}]+)\}/g, (_, who: string) => `@${user(who).name}`)

  const threads: Prisma.ThreadCreateManyInput[] = []
  const posts: Prisma.PostCreateManyInput[] = []
  const revisions: Prisma.PostRevisionCreateManyInput[] = []
  const reactions: Prisma.ReactionCreateManyInput[] = []
  const flags: Prisma.FlagCreateManyInput[] = []
  const watches: Prisma.WatchCreateManyInput[] = []
  const notifications: Prisma.NotificationCreateManyInput[] = []
  // The London lead follows the London space, so new London threads reach the bell.
  watches.push({ id: cuid(), userId: leadLondon.id, spaceId: london.id, createdAt: new Date(now - 70 * DAY) })

  for (const plan of THREADS) {
    const space = spaceBySlug.get(plan.space)
    if (!space) throw new Error(`Demo thread “${plan.title}”: no space ${plan.space}`)
    const readers = readersOf.get(plan.space)!
    const readerIds = new Set(readers.map((a) => a.id))
    for (const who of [plan.by, ...plan.replies.map((x) => x.by)]) {
      if (!readerIds.has(user(who).id)) throw new Error(`Demo thread “${plan.title}”: ${who} cannot post in ${plan.space}`)
    }
    // Separate streams, so reactions and reads do not depend on the time of day of seeding.
    const timeRand = seeded(`forum:${plan.title}:times`)
    const rand = seeded(`forum:${plan.title}`)
    const readRand = seeded(`forum:${plan.title}:reads`)
    const threadId = cuid()
    const author = user(plan.by)

    // Times: the opening post on its day in working hours, replies some working hours
    // apart; a reply with `ago` is pinned to that time, and the ones before it squeezed in.
    const start = new Date(now - plan.days * DAY)
    const day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), 9) + timeRand() * 7 * HOUR
    const times = [day > start.getTime() ? day - DAY : day]
    const maxGap = Math.min(plan.replies.length > 8 ? 20 : 40, (plan.days * 24) / (plan.replies.length + 1))
    for (const reply of plan.replies) {
      const prev = times[times.length - 1]
      times.push(reply.ago !== undefined ? now - reply.ago * HOUR : workingHours(prev + (1 + timeRand() * maxGap) * HOUR, timeRand))
    }
    let anchor = 0
    for (let i = 1; i <= times.length; i++) {
      const fixed = i === times.length || plan.replies[i - 1].ago !== undefined
      if (!fixed) continue
      const bound = (i === times.length ? now : times[i]) - 20 * 60_000
      const free = times.slice(anchor + 1, i)
      const last = Math.max(...free)
      if (free.length && last > bound) for (let k = anchor + 1; k < i; k++) times[k] = times[anchor] + ((times[k] - times[anchor]) * (bound - times[anchor])) / (last - times[anchor])
      anchor = i
    }
    for (let i = 1; i < times.length; i++) if (times[i] <= times[i - 1] || times[i] >= now) throw new Error(`Demo thread “${plan.title}”: post ${i + 1} is not after the one before`)

    // Posts, in order: post n is the thread's change n.
    const ids: string[] = []
    const watchers = new Set<string>()
    const texts: string[] = []
    const items = [{ by: plan.by, text: plan.body ?? '', edit: plan.edit } as Reply, ...plan.replies]
    items.forEach((item, i) => {
      const seq = i + 1
      const id = cuid()
      ids.push(id)
      const by = user(item.by)
      const content: PostContent =
        seq === 1 && plan.practice
          ? { practice: { context: toDoc(expand(plan.practice.context)), whatWeDid: toDoc(expand(plan.practice.whatWeDid)), impact: toDoc(expand(plan.practice.impact)) } }
          : { doc: toDoc(expand(item.text)) }
      const text = contentText(content)
      texts.push(text)
      const createdAt = new Date(times[i])
      if (item.q !== undefined && (item.q < 1 || item.q >= seq)) throw new Error(`Demo thread “${plan.title}”: post ${seq} quotes post ${item.q}`)
      posts.push({
        id,
        threadId,
        seq,
        changedSeq: seq,
        authorId: by.id,
        councilId: by.councilId,
        replyToId: item.q ? ids[item.q - 1] : null,
        content: content as object,
        text,
        html: renderPostContent(content),
        title: seq === 1 ? plan.title : '',
        createdAt,
      })

      // Who the app would have notified: mentions, then (a reply) the question's author
      // and the thread's watchers, or (a new thread) the space's watchers.
      const kinds = new Map<string, 'mention' | 'answer' | 'reply' | 'new_thread'>()
      if (text.includes('@')) for (const mentioned of findMentions(seq === 1 ? `${plan.title}\n${text}` : text, actors)) kinds.set(mentioned, 'mention')
      if (seq === 1) {
        for (const w of watches) if (w.spaceId === space.id && !kinds.has(w.userId)) kinds.set(w.userId, 'new_thread')
      } else {
        if (plan.kind === 'question' && !kinds.has(author.id)) kinds.set(author.id, 'answer')
        for (const w of watchers) if (!kinds.has(w)) kinds.set(w, 'reply')
      }
      kinds.delete(by.id)
      // The bell's history goes back three weeks: older ones would long have been read.
      if (times[i] < now - 21 * DAY) kinds.clear()
      for (const [userId, kind] of kinds) {
        if (!readerIds.has(userId)) continue
        // Older ones have been read; the last three days' are waiting.
        const readAt = times[i] < now - 3 * DAY ? new Date(Math.min(now - HOUR, times[i] + (2 + readRand() * 20) * HOUR)) : null
        notifications.push({ id: cuid(), userId, kind, threadId, postId: id, actorId: by.id, createdAt, readAt })
      }
      // Authors follow the threads they start or reply to.
      if (!watchers.has(by.id)) {
        watchers.add(by.id)
        watches.push({ id: cuid(), userId: by.id, threadId, createdAt })
      }
    })

    // Later changes, each with the next change number: edits, reactions, the accepted answer, pinning, locking.
    let change = items.length
    const bump = (postIndex: number | null) => {
      change++
      if (postIndex !== null) posts[posts.length - items.length + postIndex].changedSeq = change
    }
    items.forEach((item, i) => {
      if (!item.edit) return
      const editedAt = new Date(Math.min(now - 10 * 60_000, times[i] + (0.3 + rand()) * HOUR))
      revisions.push({ id: cuid(), postId: ids[i], content: { doc: toDoc(expand(item.edit)) } as object, title: i === 0 ? plan.title : '', editedAt, editedById: user(item.by).id })
      posts[posts.length - items.length + i].editedAt = editedAt
      bump(i)
    })
    items.forEach((item, i) => {
      const by = user(item.by).id
      const others = readers.filter((a) => a.id !== by)
      const participants = others.filter((a) => watchers.has(a.id))
      const wanted = Math.floor(rand() * (i === 0 ? (plan.kind === 'good_practice' ? 6 : 4) : 2.6))
      const chosen = new Set<string>()
      for (let k = 0; k < wanted * 3 && chosen.size < wanted; k++) {
        const pool = rand() < 0.6 && participants.length ? participants : others
        chosen.add(pool[Math.floor(rand() * pool.length)].id)
      }
      for (const userId of chosen) {
        const key = plan.kind === 'good_practice' && i === 0 ? (rand() < 0.5 ? 'clap' : 'lightbulb') : REACTION_KEYS[Math.floor(rand() * (rand() < 0.7 ? 2 : 4))]
        const at = Math.min(now - 5 * 60_000, times[i] + (0.5 + rand() * 30) * HOUR)
        reactions.push({ postId: ids[i], userId, emoji: key, createdAt: new Date(at) })
        bump(i)
      }
      if (item.flag) {
        const flagger = user(item.flag.by)
        if (!readerIds.has(flagger.id)) throw new Error(`Demo flag by ${item.flag.by} in a space they cannot read`)
        flags.push({ id: cuid(), postId: ids[i], userId: flagger.id, reason: item.flag.reason, createdAt: new Date(Math.min(now - 10 * 60_000, times[i] + 3 * HOUR)) })
      }
    })
    let acceptedPostId: string | null = null
    if (plan.accept) {
      if (plan.kind !== 'question' || plan.accept < 2 || plan.accept > items.length) throw new Error(`Demo thread “${plan.title}”: accepts post ${plan.accept}`)
      acceptedPostId = ids[plan.accept - 1]
      bump(null)
    }
    if (plan.pinned) bump(null)
    if (plan.locked) bump(null)

    threads.push({
      id: threadId,
      spaceId: space.id,
      kind: plan.kind,
      title: plan.title,
      themes: plan.themes,
      contact: plan.contact ? `${user(plan.contact.who).name}, ${plan.contact.role}, ${user(plan.contact.who).council!.name} — ${emailOf(plan.contact.who)}` : '',
      authorId: author.id,
      councilId: author.councilId,
      createdAt: new Date(times[0]),
      lastPostAt: new Date(times[times.length - 1]),
      lastSeq: items.length,
      changeSeq: change,
      replyCount: items.length - 1,
      acceptedPostId,
      pinnedAt: plan.pinned ? new Date(Math.min(times[0] + HOUR, now - HOUR)) : null,
      lockedAt: plan.locked ? new Date(Math.min(now - 5 * 60_000, times[times.length - 1] + 0.2 * HOUR)) : null,
    })
  }

  await prisma.$transaction([
    ...(existingGroup ? [] : [prisma.space.create({
      data: {
        id: groupSpace.id,
        slug: DEMO_GROUP_SPACE.slug,
        name: DEMO_GROUP_SPACE.name,
        description: DEMO_GROUP_SPACE.description,
        scope: 'group',
        regionId: london.regionId,
        createdById: leadLondon.id,
        createdAt: new Date(now - 20 * DAY),
        councils: { create: groupSpace.councils },
      },
      select: { id: true },
    })]),
    insertRows(prisma, 'Thread', ['id', 'spaceId', 'kind', 'title', 'themes', 'contact', 'authorId', 'councilId', 'createdAt', 'lastPostAt', 'lastSeq', 'changeSeq', 'replyCount', 'acceptedPostId', 'pinnedAt', 'lockedAt'], threads),
    insertRows(prisma, 'Post', ['id', 'threadId', 'seq', 'changedSeq', 'authorId', 'councilId', 'replyToId', 'content', 'text', 'html', 'title', 'createdAt', 'editedAt'], posts),
    insertRows(prisma, 'PostRevision', ['id', 'postId', 'content', 'title', 'editedAt', 'editedById'], revisions),
    insertRows(prisma, 'Reaction', ['postId', 'userId', 'emoji', 'createdAt'], reactions),
    insertRows(prisma, 'Flag', ['id', 'postId', 'userId', 'reason', 'createdAt'], flags),
    insertRows(prisma, 'Watch', ['id', 'userId', 'threadId', 'spaceId', 'createdAt'], watches),
    insertRows(prisma, 'Notification', ['id', 'userId', 'kind', 'threadId', 'postId', 'actorId', 'createdAt', 'readAt'], notifications),
  ])
  return { threads: threads.length, posts: posts.length }
}
