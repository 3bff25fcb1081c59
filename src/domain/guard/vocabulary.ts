/**
 * The profession's vocabulary: words the guard never takes for a name. It holds every word of the
 * terms, roles, bodies and theme titles of public guidance listed in vocabulary.terms.ts (Working
 * Together to Safeguard Children 2023, Keeping Children Safe in Education, the Children Acts), the
 * words of this product's own screens, and the ordinary words a text may capitalise. A capitalised
 * word found here is ordinary professional language, so "Hidden Harm" or "Independent Reviewing
 * Officer" pass while two capitalised words found nowhere here ("Tyler Jones") are taken for a name.
 */
/**
 * Ordinary words a text may capitalise (sentence starts, headings, title case): function words,
 * common verbs and adjectives, the product's own terms, months and days, and the words of the
 * professional terms.
 */
const COMMON_WORDS = `a an the and or but nor so yet if then than of for to in on at by with without from into onto
upon over under about above below after before since until while during between within across through per via
as is are was were be been being am do does did done doing have has had having can could will would shall should
may might must not no nor yes it its it's this that these those there here their they them theirs our ours we us
you your yours he him his she her hers i me my mine who whom whose which what when where why how all any each every
some many much more most less least few several both either neither other another such same own only just also
very too again once twice still already soon later now never always often sometimes usually ever even well
one two three four five six seven eight nine ten eleven twelve twenty thirty hundred first second third fourth
fifth last next new old early late good bad better best worse worst high low full part whole half quarter
monday tuesday wednesday thursday friday saturday sunday week weeks weekly day days daily month months monthly
year years yearly annual annually today tomorrow yesterday morning afternoon evening night weekend term terms
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn winter
please thank thanks dear hello hi regards kind note notes see seen view viewed read open opened close closed
action actions add added agree agreed ask asked attend attended book booked call called change changed check checked
complete completed confirm confirmed consider considered continue continued decide decided discuss discussed
ensure ensured explain explained find found follow followed give given go going gone help helped hold held
identify identified improve improved include included inform informed know known lead led leave left
make made manage managed meet met miss missed move moved need needed note noted offer offered plan planned
provide provided raise raised record recorded refer referred referral referrals remain remained report reported
request requested review reviewed say said says share shared show showed shown speak spoke start started
state stated stop stopped support supported take taken tell told think thought track tracked understand understood
update updated use used visit visited wait waited want wanted work worked write written wrote
disclosed disclose disclosure disclosures refused declined missed cancelled rearranged escalated escalate
strong weak clear unclear timely delayed late drift drifted consistent inconsistent effective ineffective
appropriate inappropriate proportionate robust limited poor sufficient insufficient evident evidenced
outstanding requires improvement inadequate adequate grade grades graded judgement judgment rating
key main overall general specific particular current previous recent further initial final interim joint
child children child's children's young person people person's people's baby babies infant infants toddler teenager
adolescent adolescents adult adults youth pupil pupils student students sibling siblings brother brothers sister sisters
mother mothers father fathers mum mums dad dads parent parents parental carer carers family families household
grandparent grandparents grandmother grandfather stepfather stepmother partner partners friend friends peer peers
home school schools nursery college academy hospital ward clinic surgery station court courts office unit
audit audits audited auditor auditors auditing moderator moderation moderated sign signed off sign-off manager
managers management business partnership partnerships safeguarding safeguard safeguarded protection protect protected
case cases caseload reference references care cared looked after need needs help intervention interventions
plan plans planning conference conferences core group groups review reviews reviewing strategy discussion
discussions meeting meetings section sections enquiry enquiries investigation assessment assessments
social health police education probation housing visitor visitors worker workers practitioner practitioners
agency agencies local authority authorities board integrated partner service services department team teams
programme theme themes priority priorities source sources performance indicator indicators baseline drill
down learning development policy policies procedure procedures guidance feedback practice practices report reports
overview recommendation recommendations finding findings impact outcome outcomes voice lived experience experiences
identity diversity multi-agency working supervision recording records record chronology chronologies summary
commissioned commissioning commission assigned assignment due overdue risk risks at-risk submitted returned
channel tab microsoft graph sharepoint outlook email emails phone message messages notification notifications
neglect abuse abused abusive domestic violence violent exploitation exploited missing episode episodes return
interview interviews permanence placement placements stability transition transitions pathway step stepping
step-up step-down up down in out back forward front door threshold thresholds continuum level levels tier
mental emotional physical sexual harmful harm hidden private fostering foster fostered operation encompass
special guardianship guardian guardians order orders independent officer officers designated doctor doctors
nurse nurses named public law outline family court courts proceedings pre-proceedings legal planning meeting
parenting capacity substance misuse alcohol drugs drug mental-health wellbeing wellbeing emotional behaviour
behaviour behaviours behavioural sexualised online offline contextual criminal county lines gang gangs knife
radicalisation extremism prevent modern slavery trafficking trafficked asylum seeking unaccompanied refugee
disability disabilities disabled additional educational ehcp send senco sen needs autism adhd learning
attendance exclusion excluded exclusions suspension suspended elective transport medical medication injury
injuries bruise bruising bruises fracture fractures non-mobile mobile sleeping sleep unexpected death infancy
dental hygiene food hungry clothing housing overcrowding debt poverty benefits employment unemployment
trauma trauma-informed informed relational restorative curiosity curious compliance disguised escalation resolution
think thinking whole approach approaches standard standards framework frameworks model models tool tools
contingency safety safe unsafe concern concerns concerned worry worries worried strengths strength protective
factor factors vulnerability vulnerable resilience wishes feelings views direct indirect observation observations
seen alone unseen visit visits home-visit announced unannounced contact contacts telephone virtual face-to-face
information sharing consent confidentiality data protection secure consent-based lawful basis
the-child plan-led outcomes-focused child-centred family-centred person-centred
mash lado marac mappa camhs cafcass ofsted cqc hmicfrs icb nhs gp gps hv hvs sw sws iro iros dsl dsls ddsl pep
peps lac cla cin cp cpp ehc ehcp ehcps fgc fgm cse cce hsb dva idva idvas sarc yjs yot pru ap pcso pc dc ds di
mp mps la las lscp scp csc cyp yp dfe dofe dbs rhi rhis ich icpc rcpc cpc phv ppo pace abe aiu
northshire county city council trust foundation nhs-trust borough district metropolitan region regional national
team-around-the-family tac tat fgc what why how when where who which
teams tab notification chat card cards app deep link
independent reviewing reviewing conference chair chairs principal head heads director directors member members
scrutineer scrutiny inspector inspectors inspection inspections judgement area targeted jtai ilacs
general community paediatric paediatrics paediatrician paediatricians midwife midwives midwifery obstetric
practice adviser advisers advocate advocacy constable sergeant detective inspector superintendent
welfare attendance pastoral class teacher teachers headteacher teaching assistant early years practitioner
youth justice offending worker support supporting support-worker kinship connected special guardianship
adoption adopted adopter adopters permanence residential children's-home secure accommodation accommodated
supported lodgings leaving care leaver leavers personal adviser staying put close
hub front multi agency child-protection child-in-need looked-after care-leaver early-help
act acts statutory guidance regulations regulation paragraph chapter appendix annex version
disclosure barring service refuge aid women's barnardo's nspcc childline home ministry justice
genogram ecomap summary note outcome star risk-assessment
review-health health-assessment initial dental optician immunisation immunisations vaccination
emergency department accident ambulance paramedic urgent primary secondary tertiary acute
unit units board boards panel panels hub hubs forum forums network networks
theme-title title titles comment comments question questions answer answers section-title
statement statements evidence facts fact judgement judgements grade-descriptor descriptor
sample sampled sampling size total count percent per cent number numbers figure figures
published publish draft drafted final finalised approved approval approve rejected reject
acknowledged acknowledge acknowledging reflection reflections saved save saving
contribution contributions agency-lead register overview-report annual-report
priority-source indicator-source concern-source
uk england wales scotland ireland northern britain british english welsh scottish irish europe european
poland polish romania romanian lithuania lithuanian latvia latvian ukraine ukrainian albania albanian
nigeria nigerian ghana ghanaian somalia somali eritrea eritrean sudan sudanese ethiopia ethiopian
afghanistan afghan syria syrian iraq iraqi iran iranian kurdish pakistan pakistani bangladesh bangladeshi
vietnam vietnamese china chinese africa african asia asian caribbean jamaica jamaican portugal portuguese
spain spanish italy italian france french germany german arabic urdu punjabi bengali sylheti tigrinya
pashto dari farsi gujarati tamil roma gypsy traveller travellers muslim christian hindu sikh jewish islam
christmas easter eid ramadan diwali covid covid-19 pandemic lockdown zoom whatsapp snapchat instagram
tiktok facebook youtube internet diagnosis diagnosed condition conditions
female genital mutilation forced marriage honour based fabricated induced illness toxic trio safer sudden
adulthood professional around signs profile common single letter arrangements prohibited steps
non-molestation crown rapid serious incident dip dive document achieving deputy coordinator supervising
quality hm inspectorate constabulary assault centre alternative provision together keeping advice`;

/** The words of a text as the vocabulary holds them: lower case, plain apostrophes. */
export const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}'’-]+/u)
    .map((w) => w.replace(/’/g, "'").replace(/^['-]+|['-]+$/g, ''))
    .filter(Boolean);

/** Every word that is never a name on its own, lower case. */
export const VOCABULARY: ReadonlySet<string> = new Set(wordsOf(COMMON_WORDS));
